namespace AiOps.Core.Policy;

/// <summary>A loaded policy folder: the fleet policy and the effective policy of each ship that overrides it.</summary>
public sealed class PolicyBundle(AiOpsPolicy fleet, IReadOnlyDictionary<string, AiOpsPolicy> ships)
{
    public AiOpsPolicy Fleet { get; } = fleet;

    public IReadOnlyCollection<string> OverriddenShips => ships.Keys.ToList();

    public DateTimeOffset LoadedAt => Fleet.LoadedAt;

    /// <summary>The policy of a ship: its overrides merged over the fleet's, or the fleet's when it has none.</summary>
    public AiOpsPolicy For(string? shipId) => shipId is not null && ships.TryGetValue(shipId, out var ship) ? ship : Fleet;
}
