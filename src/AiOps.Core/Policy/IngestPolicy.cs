namespace AiOps.Core.Policy;

/// <summary><c>ingest.yaml</c>.</summary>
public sealed class IngestPolicy
{
    public string SchemaVersion { get; set; } = "";
    public HttpIngestSettings Http { get; set; } = new();
    public LogIngestSettings Logs { get; set; } = new();
    public MetricIngestSettings Metrics { get; set; } = new();
    public TraceSettings Trace { get; set; } = new();
    public IngestLimits Limits { get; set; } = new();

    internal IEnumerable<PolicyIssue> Validate() =>
        Checks.Positive("http.max_body_bytes", Http.MaxBodyBytes)
            .Concat(Checks.Positive("http.max_items_per_request", Http.MaxItemsPerRequest))
            .Concat(Checks.OneOf("logs.min_severity", Logs.MinSeverity, "DEBUG", "INFO", "WARNING", "ERROR", "FATAL"))
            .Concat(Checks.Positive("logs.max_msg_size_bytes", Logs.MaxMsgSizeBytes))
            .Concat(Checks.Between("logs.sampling.default", Logs.Sampling.Default, 0, 1))
            .Concat(Checks.Between("logs.sampling.storm", Logs.Sampling.Storm, 0, 1))
            .Concat(Checks.Positive("metrics.cardinality_limits.max_labels_per_metric", Metrics.CardinalityLimits.MaxLabelsPerMetric))
            .Concat(Checks.Positive("metrics.cardinality_limits.max_series_per_service", Metrics.CardinalityLimits.MaxSeriesPerService))
            .Concat(Checks.Between("trace.buckets", Trace.Buckets, 1, 4096))
            .Concat(Checks.Positive("trace.anomalous_capacity", Trace.AnomalousCapacity))
            .Concat(Checks.Positive("trace.recent_capacity", Trace.RecentCapacity))
            .Concat(Checks.Between("limits.max_meta_bytes", Limits.MaxMetaBytes, 2, Http.MaxBodyBytes))
            .Concat(Checks.Positive("limits.max_meta_keys", Limits.MaxMetaKeys))
            .Concat(Checks.Between("limits.max_meta_depth", Limits.MaxMetaDepth, 1, IngestLimits.MaxNesting))
            .Concat(Checks.Positive("limits.max_label_name_bytes", Limits.MaxLabelNameBytes))
            .Concat(Checks.Positive("limits.max_label_value_bytes", Limits.MaxLabelValueBytes));
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

public sealed class TraceSettings
{
    public int Buckets { get; set; }
    public int AnomalousCapacity { get; set; }
    public int RecentCapacity { get; set; }
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
