using AiOps.Contracts;

namespace AiOps.Core.Logs;

/// <summary>A learned template: its tokens (variables as <c>&lt;*&gt;</c>), how often and when it was seen, at which levels.</summary>
public sealed class LogTemplate
{
    internal LogTemplate(int id, string[] tokens)
    {
        Id = id;
        Tokens = tokens;
    }

    public int Id { get; }

    public string[] Tokens { get; }

    public long Count { get; internal set; }

    public DateTimeOffset FirstSeen { get; internal set; }

    public DateTimeOffset LastSeen { get; internal set; }

    /// <summary>Lines per <see cref="MessageLevel"/> (indexed by its value).</summary>
    public long[] LevelCounts { get; } = new long[(int)MessageLevel.Fatal + 1];

    public string Text => string.Join(' ', Tokens);

    /// <summary>The tree leaf holding this template, so eviction can remove it.</summary>
    internal List<LogTemplate>? Leaf { get; set; }

    internal void Record(MessageLevel level, DateTimeOffset ts)
    {
        if (Count == 0 || ts < FirstSeen)
        {
            FirstSeen = ts;
        }

        if (ts > LastSeen)
        {
            LastSeen = ts;
        }

        Count++;
        LevelCounts[Math.Clamp((int)level, 0, LevelCounts.Length - 1)]++;
    }
}
