namespace AiOps.Core.Policy;

/// <summary><c>ingest.yaml</c>.</summary>
public sealed class IngestPolicy
{
    public string SchemaVersion { get; set; } = "";
    public HttpIngestSettings Http { get; set; } = new();
    public LogIngestSettings Logs { get; set; } = new();
    public MetricIngestSettings Metrics { get; set; } = new();
    public TraceSettings Trace { get; set; } = new();
    public DurabilitySettings Durability { get; set; } = new();
    public BackpressureSettings Backpressure { get; set; } = new();
    public IngestLimits Limits { get; set; } = new();
    public AlertIngestSettings Alerts { get; set; } = new();
    public OtlpIngestSettings Otlp { get; set; } = new();

    internal IEnumerable<PolicyIssue> Validate() =>
        Checks.Positive("http.max_body_bytes", Http.MaxBodyBytes)
            .Concat(Checks.Positive("http.max_items_per_request", Http.MaxItemsPerRequest))
            .Concat(Checks.OneOf("logs.min_severity", Logs.MinSeverity, "DEBUG", "INFO", "WARNING", "ERROR", "FATAL"))
            .Concat(Checks.Positive("logs.max_msg_size_bytes", Logs.MaxMsgSizeBytes))
            .Concat(Checks.Between("logs.sampling.default", Logs.Sampling.Default, 0, 1))
            .Concat(Checks.Between("logs.sampling.storm", Logs.Sampling.Storm, 0, 1))
            .Concat(Checks.Positive("metrics.cardinality_limits.max_labels_per_metric", Metrics.CardinalityLimits.MaxLabelsPerMetric))
            .Concat(Checks.Positive("metrics.cardinality_limits.max_series_per_service", Metrics.CardinalityLimits.MaxSeriesPerService))
            .Concat(Checks.Between("trace.write_behind_max_pending", Trace.WriteBehindMaxPending, 1, 10_000_000))
            .Concat(Checks.Between("trace.write_batch_size", Trace.WriteBatchSize, 1, Math.Max(1, Trace.WriteBehindMaxPending)))
            .Concat(Checks.Between("trace.full_wait_ms", Trace.FullWaitMs, 0, 60_000))
            .Concat(Checks.Between("trace.retry_delay_ms", Trace.RetryDelayMs, 1, 60_000))
            .Concat(Checks.Between("durability.segment_bytes", Durability.SegmentBytes, 1024 * 1024, 1024L * 1024 * 1024))
            .Concat(Checks.Between("durability.max_entry_bytes", Durability.MaxEntryBytes, 64 * 1024, 16 * 1024 * 1024))
            .Concat(Checks.Between("durability.checkpoint_interval_ms", Durability.CheckpointIntervalMs, 50, 60_000))
            .Concat(Checks.Positive("durability.dispatch_max_events", Durability.DispatchMaxEvents))
            .Concat(Checks.Between("durability.delivery_attempts", Durability.DeliveryAttempts, 1, 1000))
            .Concat(Checks.Between("durability.delivery_retry_delay_ms", Durability.DeliveryRetryDelayMs, 1, 60_000))
            .Concat(Checks.Between("durability.delivery_max_retry_delay_ms", Durability.DeliveryMaxRetryDelayMs, Durability.DeliveryRetryDelayMs, 3_600_000))
            .Concat(Checks.Positive("backpressure.max_lag_ms", Backpressure.MaxLagMs))
            .Concat(Checks.Positive("backpressure.max_pending_events", Backpressure.MaxPendingEvents))
            .Concat(Checks.Between("backpressure.retry_after_sec", Backpressure.RetryAfterSec, 1, 3600))
            .Concat(Checks.Between("limits.max_meta_bytes", Limits.MaxMetaBytes, 2, Http.MaxBodyBytes))
            .Concat(Checks.Positive("limits.max_meta_keys", Limits.MaxMetaKeys))
            .Concat(Checks.Between("limits.max_meta_depth", Limits.MaxMetaDepth, 1, IngestLimits.MaxNesting))
            .Concat(Checks.Positive("limits.max_label_name_bytes", Limits.MaxLabelNameBytes))
            .Concat(Checks.Positive("limits.max_label_value_bytes", Limits.MaxLabelValueBytes))
            .Concat(Alerts.Validate())
            .Concat(Otlp.Validate());
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

/// <summary>How accepted events are kept before the <c>202</c> (the ingest journal, or JetStream in a cluster).</summary>
public sealed class DurabilitySettings
{
    /// <summary>fsync each group commit: a <c>202</c> survives power loss, not only a crash of the process.</summary>
    public bool FlushToDisk { get; set; } = true;

    public long SegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest journal entry (and so grain message) a ship+service batch is split below.</summary>
    public int MaxEntryBytes { get; set; } = 1024 * 1024;

    /// <summary>How often the consumer makes its progress durable and the journal forgets what is done.</summary>
    public int CheckpointIntervalMs { get; set; } = 1000;

    /// <summary>Events being handed to the service grains at once, all services together.</summary>
    public int DispatchMaxEvents { get; set; } = 50_000;

    /// <summary>Tries of one call to a service grain before its entries are set aside in the dead-letter folder.</summary>
    public int DeliveryAttempts { get; set; } = 10;

    /// <summary>The wait after the first failed try; it doubles with each further one, up to <see cref="DeliveryMaxRetryDelayMs"/>.</summary>
    public int DeliveryRetryDelayMs { get; set; } = 200;

    public int DeliveryMaxRetryDelayMs { get; set; } = 5000;
}

/// <summary>When ingest answers 503 with Retry-After instead of queueing without limit.</summary>
public sealed class BackpressureSettings
{
    /// <summary>Age of the oldest accepted event that the Fast Path has not processed yet.</summary>
    public int MaxLagMs { get; set; } = 5000;

    /// <summary>Accepted events that the Fast Path has not processed yet.</summary>
    public int MaxPendingEvents { get; set; } = 200_000;

    public int RetryAfterSec { get; set; } = 1;
}

/// <summary>
/// <c>limits</c>: what one ingest item may carry. An item over a limit is rejected on its own, with the field
/// and the key named, instead of being accepted and lost further down the pipeline.
/// </summary>
public sealed class IngestLimits
{
    /// <summary>The JSON reader's own nesting bound (64) less the item object and some headroom.</summary>
    public const int MaxNesting = 32;

    /// <summary>The raw JSON size of a log's <c>meta</c> object.</summary>
    public int MaxMetaBytes { get; set; }

    /// <summary>Keys in <c>meta</c>, counted at every nesting level.</summary>
    public int MaxMetaKeys { get; set; }

    /// <summary>Nesting of objects and arrays in <c>meta</c>; <c>meta</c> itself is depth 1.</summary>
    public int MaxMetaDepth { get; set; }

    /// <summary>UTF-8 bytes of one metric label's name.</summary>
    public int MaxLabelNameBytes { get; set; }

    /// <summary>UTF-8 bytes of one metric label's value.</summary>
    public int MaxLabelValueBytes { get; set; }
}
