namespace AiOps.Core.Storage;

/// <summary>The entries a <see cref="TrackedMap{TValue}"/> set and removed since it was last saved.</summary>
[GenerateSerializer, Alias("aiops.map-changes.v1`1")]
public sealed class MapChanges<TValue>
{
    [Id(0)] public Dictionary<string, TValue> Set { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<string> Removed { get; set; } = [];
}
