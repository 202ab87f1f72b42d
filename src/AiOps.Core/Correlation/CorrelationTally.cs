namespace AiOps.Core.Correlation;

/// <summary>What one correlation pass adds to the stats.</summary>
public sealed record CorrelationTally(int Opened, int Duplicates, int Suppressed, int Silenced, IReadOnlyList<TimeSpan> FastPathLatencies);
