using AiOps.Contracts;
using AiOps.Core.Detection;

namespace AiOps.Core.Logs;

/// <summary>
/// A learned template: its tokens (variables as <c>&lt;*&gt;</c>), how often and when it was seen, at which
/// levels, and what its detections remember (the per-minute rate forecast, the days it was seen at error level).
/// </summary>
[GenerateSerializer, Alias("aiops.log-template.v1")]
public sealed class LogTemplate
{
    [Id(0)] public int Id { get; set; }
    [Id(1)] public string[] Tokens { get; set; } = [];
    [Id(2)] public long Count { get; set; }
    [Id(3)] public DateTimeOffset FirstSeen { get; set; }
    [Id(4)] public DateTimeOffset LastSeen { get; set; }

    /// <summary>Lines per <see cref="MessageLevel"/> (indexed by its value).</summary>
    [Id(5)] public long[] LevelCounts { get; set; } = new long[(int)MessageLevel.Fatal + 1];

    /// <summary>The minute being counted (Unix minutes) and its count so far, for the rate forecast.</summary>
    [Id(6)] public long Minute { get; set; }
    [Id(7)] public int MinuteCount { get; set; }

    /// <summary>The per-minute count forecast; made once the template is common enough to have a rate.</summary>
    [Id(8)] public ForecastState? Rate { get; set; }

    /// <summary>Distinct days (Unix days) with a line at error level or above, and the last such day.</summary>
    [Id(9)] public int ErrorDays { get; set; }
    [Id(10)] public long LastErrorDay { get; set; } = -1;

    /// <summary>Whether an incident holding this template was ever acted on by someone (acknowledged, resolved).</summary>
    [Id(11)] public bool ActedOn { get; set; }

    public string Text => string.Join(' ', Tokens);

    /// <summary>The tree leaf holding this template, so eviction can remove it (rebuilt after a restart).</summary>
    [field: NonSerialized]
    internal List<LogTemplate>? Leaf { get; set; }

    /// <summary>Takes in the history of a template merged into this one.</summary>
    internal void Absorb(LogTemplate other)
    {
        if (other.Count > 0 && (Count == 0 || other.FirstSeen < FirstSeen))
        {
            FirstSeen = other.FirstSeen;
        }

        LastSeen = other.LastSeen > LastSeen ? other.LastSeen : LastSeen;
        Count += other.Count;
        for (var i = 0; i < LevelCounts.Length && i < other.LevelCounts.Length; i++)
        {
            LevelCounts[i] += other.LevelCounts[i];
        }

        ErrorDays = Math.Max(ErrorDays, other.ErrorDays);
        LastErrorDay = Math.Max(LastErrorDay, other.LastErrorDay);
        ActedOn |= other.ActedOn;
    }

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
        var day = ts.ToUnixTimeSeconds() / 86_400;
        if (level >= MessageLevel.Error && day != LastErrorDay)
        {
            LastErrorDay = day;
            ErrorDays++;
        }
    }
}
