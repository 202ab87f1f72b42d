namespace AiOps.Core.Policy;

/// <summary><c>retention.yaml</c>: how long each kind of data is kept.</summary>
public sealed class RetentionPolicy
{
    public string SchemaVersion { get; set; } = "";
    public int LogsDays { get; set; }
    public int MetricsDays { get; set; }
    public int IncidentsDays { get; set; }
    public int SummariesDays { get; set; }
    public int RunbooksDays { get; set; }
    public int LlmCacheMinutes { get; set; }
    public int TracesHours { get; set; }
    public int CleanupIntervalMin { get; set; } = 60;
    public DownsamplingSettings Downsampling { get; set; } = new();
    public DiskWatermarks DiskWatermarks { get; set; } = new();
    public AnalyticsSinkSettings AnalyticsSink { get; set; } = new();
    public AuditStorage Audit { get; set; } = new();
    public Dictionary<string, string> Compression { get; set; } = [];

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        issues.AddRange(Checks.Between("logs_days", LogsDays, 1, 3650));
        issues.AddRange(Checks.Between("metrics_days", MetricsDays, 1, 3650));
        issues.AddRange(Checks.Between("incidents_days", IncidentsDays, 1, 3650));
        issues.AddRange(Checks.Between("summaries_days", SummariesDays, 1, 3650));
        issues.AddRange(Checks.Between("runbooks_days", RunbooksDays, 1, 36500));
        issues.AddRange(Checks.Between("llm_cache_minutes", LlmCacheMinutes, 0, 525600));
        issues.AddRange(Checks.Between("traces_hours", TracesHours, 1, 87600));
        issues.AddRange(Checks.Between("cleanup_interval_min", CleanupIntervalMin, 1, 1440));
        issues.AddRange(Checks.Between("disk_watermarks.high_pct", DiskWatermarks.HighPct, 1, 100));
        issues.AddRange(Checks.Between("disk_watermarks.critical_pct", DiskWatermarks.CriticalPct, DiskWatermarks.HighPct, 100));
        issues.AddRange(Checks.Between("disk_watermarks.cleanup_batch_size", DiskWatermarks.CleanupBatchSize, 1, 1000000));
        issues.AddRange(Checks.Between("analytics_sink.buffer_rows", AnalyticsSink.BufferRows, 1, 100_000_000));
        issues.AddRange(Checks.Between("analytics_sink.batch_rows", AnalyticsSink.BatchRows, 1, AnalyticsSink.BufferRows));
        issues.AddRange(Checks.Between("analytics_sink.flush_interval_ms", AnalyticsSink.FlushIntervalMs, 10, 600_000));
        issues.AddRange(Checks.Between("audit.buckets", Audit.Buckets, 1, 1024));
        issues.AddRange(Checks.Between("audit.chunk_entries", Audit.ChunkEntries, 10, 100000));
        issues.AddRange(Checks.Between("audit.record_retries", Audit.RecordRetries, 0, 100));
        issues.AddRange(Checks.Between("audit.record_retry_delay_ms", Audit.RecordRetryDelayMs, 0, 60_000));
        issues.AddRange(Checks.Between("analytics_sink.max_retry_backoff_ms", AnalyticsSink.MaxRetryBackoffMs, 10, 3_600_000));
        foreach (var (kind, codec) in Compression)
        {
            issues.AddRange(Checks.OneOf($"compression.{kind}", codec, "ZSTD", "LZ4", "NONE"));
        }

        return issues;
    }
}

public sealed class DownsamplingSettings
{
    public bool Enabled { get; set; }
    public List<DownsamplingRule> Rules { get; set; } = [];
}

public sealed class DownsamplingRule
{
    public string Resolution { get; set; } = "";
    public int KeepDays { get; set; }
}

public sealed class AnalyticsSinkSettings
{
    public int BufferRows { get; set; } = 200_000;
    public int BatchRows { get; set; } = 5_000;
    public int FlushIntervalMs { get; set; } = 1_000;
    public int MaxRetryBackoffMs { get; set; } = 30_000;
}

public sealed class DiskWatermarks
{
    public int HighPct { get; set; }
    public int CriticalPct { get; set; }
    public int CleanupBatchSize { get; set; }
}

/// <summary>
/// How the audit trail is stored: each UTC day is spread over <c>buckets</c> grains by a hash of the resource, and
/// each bucket seals its entries into chunks of <c>chunk_entries</c>, so a write never rewrites more than one chunk.
/// </summary>
public sealed class AuditStorage
{
    public int Buckets { get; set; } = 8;
    public int ChunkEntries { get; set; } = 256;

    /// <summary>How often recording an entry is tried again while its grain is out of reach (a silo just died).</summary>
    public int RecordRetries { get; set; } = 5;

    /// <summary>The wait before the first retry; each later one waits that much longer (linear).</summary>
    public int RecordRetryDelayMs { get; set; } = 500;
}
