using AiOps.Contracts;
using AiOps.Contracts.Grains;

namespace AiOps.Core.Logs;

/// <summary>
/// The templates of one service as they are saved in grain state. The parse tree that finds a line's template
/// is not saved: <see cref="Miner"/> rebuilds it from the templates after a restart.
/// </summary>
[GenerateSerializer, Alias("aiops.log-template-book.v1")]
public sealed class LogTemplateBook
{
    [NonSerialized]
    private TemplateMiner? _miner;

    [Id(0)] public Dictionary<int, LogTemplate> Templates { get; set; } = [];
    [Id(1)] public int NextId { get; set; } = 1;

    /// <summary>Lines seen by this service, and the time of its first one (the warm-up clock).</summary>
    [Id(2)] public long Lines { get; set; }
    [Id(3)] public DateTimeOffset? FirstLine { get; set; }

    /// <summary>Templates evicted at the cap, counted so an operator can see the cap is too small.</summary>
    [Id(4)] public long Evicted { get; set; }

    /// <summary>Ids of templates merged into another, to the id that now holds their lines.</summary>
    [Id(5)] public Dictionary<int, int> Aliases { get; set; } = [];

    /// <summary>The template that now holds the lines of <paramref name="id"/> (itself unless it was merged).</summary>
    public int Resolve(int id)
    {
        for (var hops = 0; hops < 64 && Aliases.TryGetValue(id, out var next); hops++)
        {
            id = next;
        }

        return id;
    }

    internal void Alias(int from, int to, int capacity)
    {
        // Bounded like the templates: past the cap the oldest aliases go (their lines are long gone).
        if (Aliases.Count >= capacity)
        {
            Aliases.Remove(Aliases.Keys.Min());
        }

        Aliases[from] = to;
    }

    public TemplateMiner Miner(TemplateMinerOptions options) => _miner ??= new TemplateMiner(this, options);

    /// <summary>The templates as the API shows them: most frequent first, with the lines seen at each level.</summary>
    public IReadOnlyList<LogTemplateView> Views() => Templates.Values
        .OrderByDescending(t => t.Count)
        .ThenBy(t => t.Id)
        .Select(t => new LogTemplateView(t.Id, t.Text, t.Count, t.FirstSeen, t.LastSeen,
            Enum.GetValues<MessageLevel>().ToDictionary(l => l.ToString().ToLowerInvariant(), l => t.LevelCounts[(int)l]), t.ActedOn))
        .ToList();
}
