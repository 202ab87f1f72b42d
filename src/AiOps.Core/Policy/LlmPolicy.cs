namespace AiOps.Core.Policy;

/// <summary><c>llm.yaml</c>: the Insight Path's model, limits, cache and retrieval.</summary>
public sealed class LlmPolicy
{
    public string SchemaVersion { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string Mode { get; set; } = "async";
    public string Model { get; set; } = "";
    public string FallbackModel { get; set; } = "";
    public string EmbeddingModel { get; set; } = "";
    public string RunbooksDirectory { get; set; } = "runbooks";
    public int MaxExcerptChars { get; set; } = 300;
    public int MaxUntrustedChars { get; set; } = 2000;
    public int MaxNarrativeChars { get; set; } = 1200;
    public ModelParams ModelParams { get; set; } = new();
    public int TimeoutMs { get; set; }
    public int MaxRetries { get; set; }

    /// <summary>The wait before a chat call is tried again (never past the insight's budget).</summary>
    public int RetryDelayMs { get; set; } = 500;
    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();
    public bool CacheEnabled { get; set; } = true;
    public int CacheTtlMin { get; set; }

    /// <summary>The most answers the in-process insight cache holds; past it the least used ones are evicted.</summary>
    public int CacheMaxEntries { get; set; } = 1000;
    public List<string> CacheKeyFields { get; set; } = [];
    public RagSettings Rag { get; set; } = new();
    public bool OfflineOnly { get; set; } = true;
    public bool LocalDataOnly { get; set; } = true;
    public bool RequireJson { get; set; } = true;
    public List<string> RequiredFields { get; set; } = [];
    public Dictionary<string, int> PriorityBySeverity { get; set; } = [];
    public int MaxConcurrentRequests { get; set; }
    public int QueueSize { get; set; }
    public bool DropOnOverflow { get; set; }

    /// <summary>
    /// How often an incident still owed an insight asks for it again, from a durable Orleans reminder that also
    /// brings the incident back after a restart or failover (Orleans' minimum period is one minute).
    /// </summary>
    public int OwedReminderSec { get; set; } = 120;

    /// <summary>
    /// The most an insight may spend on the model, queue wait included, before it takes the rule-based insight:
    /// below slo.yaml insight_path.llm_enrichment_p95_ms so that every incident has an insight within it.
    /// </summary>
    public int InsightBudgetMs { get; set; } = 8000;

    internal IEnumerable<PolicyIssue> Validate()
    {
        var issues = new List<PolicyIssue>();
        issues.AddRange(Checks.OneOf("mode", Mode, "async"));
        if (string.IsNullOrWhiteSpace(Model))
        {
            issues.Add(new("model", "is required"));
        }

        issues.AddRange(Checks.Between("max_excerpt_chars", MaxExcerptChars, 20, 10000));
        issues.AddRange(Checks.Between("max_untrusted_chars", MaxUntrustedChars, MaxExcerptChars, 100000));
        issues.AddRange(Checks.Between("max_narrative_chars", MaxNarrativeChars, 100, 20000));
        issues.AddRange(Checks.Between("model_params.temperature", ModelParams.Temperature, 0, 2));
        issues.AddRange(Checks.Between("model_params.max_tokens", ModelParams.MaxTokens, 1, 32768));
        issues.AddRange(Checks.Between("model_params.top_p", ModelParams.TopP, 0, 1));
        issues.AddRange(Checks.Between("model_params.top_k", ModelParams.TopK, 1, 1000));
        issues.AddRange(Checks.Between("timeout_ms", TimeoutMs, 50, 600000));
        issues.AddRange(Checks.Between("max_retries", MaxRetries, 0, 10));
        issues.AddRange(Checks.Between("retry_delay_ms", RetryDelayMs, 0, 60000));
        issues.AddRange(Checks.Between("insight_budget_ms", InsightBudgetMs, 100, 600000));
        // Polly's breaker needs at least 2 calls in its sampling window.
        issues.AddRange(Checks.Between("circuit_breaker.failure_threshold", CircuitBreaker.FailureThreshold, 2, 1000));
        issues.AddRange(Checks.Between("circuit_breaker.sampling_sec", CircuitBreaker.SamplingSec, 1, 86400));
        issues.AddRange(Checks.Between("circuit_breaker.timeout_sec", CircuitBreaker.TimeoutSec, 1, 86400));
        issues.AddRange(Checks.Between("cache_ttl_min", CacheTtlMin, 0, 525600));
        issues.AddRange(Checks.Between("cache_max_entries", CacheMaxEntries, 1, 1000000));
        foreach (var (field, i) in CacheKeyFields.Select((f, i) => (f, i)))
        {
            issues.AddRange(Checks.OneOf($"cache_key_fields[{i}]", field, "incident_type", "severity", "scope", "service", "metric", "anomaly_types"));
        }

        issues.AddRange(Checks.Between("rag.max_context_docs", Rag.MaxContextDocs, 0, 100));
        issues.AddRange(Checks.Between("rag.min_similarity", Rag.MinSimilarity, 0, 1));
        foreach (var (source, i) in Rag.Sources.Select((s, i) => (s, i)))
        {
            issues.AddRange(Checks.OneOf($"rag.sources[{i}]", source, "runbooks", "policies", "incidents"));
        }

        foreach (var severity in Checks.Severities)
        {
            issues.AddRange(PriorityBySeverity.TryGetValue(severity, out var priority)
                ? Checks.Between($"priority_by_severity.{severity}", priority, 1, 10)
                : [new PolicyIssue($"priority_by_severity.{severity}", "is required")]);
        }

        issues.AddRange(Checks.Between("max_concurrent_requests", MaxConcurrentRequests, 1, 64));
        issues.AddRange(Checks.Between("queue_size", QueueSize, 1, 100000));
        issues.AddRange(Checks.Between("owed_reminder_sec", OwedReminderSec, 60, 86400));
        return issues;
    }
}

public sealed class ModelParams
{
    public double Temperature { get; set; }
    public int MaxTokens { get; set; }
    public double TopP { get; set; }
    public int TopK { get; set; }
}

/// <summary>
/// <c>circuit_breaker</c>, shared by every model call: it opens when, within <c>sampling_sec</c>, at least
/// <c>failure_threshold</c> calls were made and all of them failed; it stays open <c>timeout_sec</c>, then lets one
/// trial call through, whose success closes it and whose failure opens it again.
/// </summary>
public sealed class CircuitBreakerSettings
{
    public int FailureThreshold { get; set; }

    public int SamplingSec { get; set; } = 60;

    public int TimeoutSec { get; set; }
}

public sealed class RagSettings
{
    public bool Enabled { get; set; } = true;
    public int MaxContextDocs { get; set; }
    public double MinSimilarity { get; set; }
    public List<string> Sources { get; set; } = [];
}
