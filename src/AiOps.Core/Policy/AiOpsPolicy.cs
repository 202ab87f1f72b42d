namespace AiOps.Core.Policy;

/// <summary>The policy in force: the master file and its segments, as loaded and validated together.</summary>
public sealed record AiOpsPolicy(
    string Directory,
    MasterPolicy Master,
    IngestPolicy Ingest,
    DetectPolicy Detect,
    CorrelatePolicy Correlate,
    SloPolicy Slo,
    DateTimeOffset LoadedAt);
