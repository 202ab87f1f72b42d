namespace AiOps.Core.Policy;

/// <summary><c>ingest.yaml</c>.</summary>
public sealed class IngestPolicy
{
    public string SchemaVersion { get; set; } = "";
    public HttpIngestSettings Http { get; set; } = new();
    public LogIngestSettings Logs { get; set; } = new();
    public MetricIngestSettings Metrics { get; set; } = new();
    public TraceSettings Trace { get; set; } = new();

    internal IEnumerable<PolicyIssue> Validate() =>
        Checks.Positive("http.max_body_bytes", Http.MaxBodyBytes)
            .Concat(Checks.Positive("http.max_items_per_request", Http.MaxItemsPerRequest))
            .Concat(Checks.OneOf("logs.min_severity", Logs.MinSeverity, "DEBUG", "INFO", "WARNING", "ERROR", "FATAL"))
            .Concat(Checks.Positive("logs.max_msg_size_bytes", Logs.MaxMsgSizeBytes))
            .Concat(Checks.Between("logs.sampling.default", Logs.Sampling.Default, 0, 1))
            .Concat(Checks.Between("logs.sampling.storm", Logs.Sampling.Storm, 0, 1))
            .Concat(Checks.Positive("metrics.cardinality_limits.max_series_per_service", Metrics.CardinalityLimits.MaxSeriesPerService))
            .Concat(Checks.Between("trace.write_behind_max_pending", Trace.WriteBehindMaxPending, 1, 10_000_000))
            .Concat(Checks.Between("trace.write_batch_size", Trace.WriteBatchSize, 1, Math.Max(1, Trace.WriteBehindMaxPending)))
            .Concat(Checks.Between("trace.full_wait_ms", Trace.FullWaitMs, 0, 60_000))
            .Concat(Checks.Between("trace.retry_delay_ms", Trace.RetryDelayMs, 1, 60_000));
}

public sealed class HttpIngestSettings
{
    public long MaxBodyBytes { get; set; }
    public int MaxItemsPerRequest { get; set; }
}

public sealed class LogIngestSettings
{
    public string MinSeverity { get; set; } = "INFO";
    public int MaxMsgSizeBytes { get; set; }
    public SamplingSettings Sampling { get; set; } = new();
}

public sealed class SamplingSettings
{
    public double Default { get; set; } = 1.0;
    public double Storm { get; set; } = 1.0;
}

public sealed class MetricIngestSettings
{
    public Dictionary<string, int> ScrapeIntervalSec { get; set; } = [];
    public CardinalityLimits CardinalityLimits { get; set; } = new();
}

public sealed class CardinalityLimits
{
    public int MaxLabelsPerMetric { get; set; }
    public int MaxUniqueValuesPerLabel { get; set; }
    public int MaxSeriesPerService { get; set; }
}

/// <summary>
/// The trace store's write-behind buffer: traces are recorded in memory and written in batches by a background
/// writer (SQLite in the data directory, or Redis in a cluster); how long they last is retention.yaml's.
/// </summary>
public sealed class TraceSettings
{
    /// <summary>Traces waiting to be written, at most; a recorder that finds the buffer full waits <see cref="FullWaitMs"/>.</summary>
    public int WriteBehindMaxPending { get; set; }

    /// <summary>Traces written in one transaction (SQLite) or one pipeline (Redis).</summary>
    public int WriteBatchSize { get; set; }

    /// <summary>How long a recorder waits for room in a full buffer before its traces are dropped (and counted).</summary>
    public int FullWaitMs { get; set; }

    /// <summary>Pause before a failed batch is written again.</summary>
    public int RetryDelayMs { get; set; }
}
