namespace AiOps.Core.Logs;

/// <summary>
/// The one configuration of the log template miner, the same for every service. Chosen by leave-one-out over
/// the loghub development samples (docs/research/LogTemplates.md), not per data set.
/// </summary>
public sealed record TemplateMinerOptions
{
    /// <summary>Leading tokens that route a line in the parse tree below its token count.</summary>
    public int PrefixDepth { get; init; } = 2;

    /// <summary>Fraction of a template's tokens a line must share to join it.</summary>
    public double Similarity { get; init; } = 0.75;

    /// <summary>Children of one tree node before further distinct tokens share its wildcard branch.</summary>
    public int MaxChildren { get; init; } = 100;

    /// <summary>Templates kept per service; past it the least used one is evicted.</summary>
    public int MaxTemplates { get; init; } = 1000;

    public static TemplateMinerOptions Default { get; } = new();
}
