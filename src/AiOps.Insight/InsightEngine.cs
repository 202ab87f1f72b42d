using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Insight;
using AiOps.Core.Policy;
using AiOps.Core.Stats;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiOps.Insight;

/// <summary>
/// Produces an incident's insight: the cache first, then the model (with the policy's timeout, retries and
/// circuit breaker) over redacted, retrieved context, its answer parsed defensively and its citations
/// checked; whenever the model cannot give a usable answer, the rule-based insight.
/// </summary>
public sealed partial class InsightEngine(
    IServiceProvider services,
    KnowledgeBase knowledge,
    InsightCache cache,
    PolicyRuntime policy,
    StatsAccumulator stats,
    InsightMetrics metrics,
    TimeProvider clock,
    ILogger<InsightEngine> logger)
{
    // Null when no model is configured (Ollama:Endpoint unset): every insight is then rule-based.
    private readonly IChatClient? _chat = (IChatClient?)services.GetService(typeof(IChatClient));
    private readonly CircuitBreaker _breaker = new(policy.Fleet.Llm.CircuitBreaker, clock);

    public string BreakerState => _breaker.State;

    public bool HasModel => _chat is not null;

    public async Task<InsightResult?> ProduceAsync(Incident incident, InsightRequest request, CancellationToken cancellationToken)
    {
        var llm = policy.For(incident.ShipId).Llm;
        if (!llm.Enabled)
        {
            return null;
        }

        var context = await knowledge.RetrieveAsync(incident, llm, policy.RedactorFor(incident.ShipId, "llm_prompt"), cancellationToken);
        var knownRefs = incident.Evidence.Select(e => e.Ref).ToHashSet(StringComparer.Ordinal);
        var knownRunbooks = context.Where(d => d.Kind == "runbook").Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var key = InsightCacheKey.For(incident, llm.CacheKeyFields);
        if (llm.CacheEnabled && await cache.GetAsync(key, TimeSpan.FromMinutes(llm.CacheTtlMin), cancellationToken) is { } cached)
        {
            Count("hit");
            // Another incident's evidence is not this one's: only its runbook choices carry over.
            var reused = cached with { EvidenceRefs = cached.EvidenceRefs.Where(knownRefs.Contains).ToList(), RunbookIds = cached.RunbookIds.Where(knownRunbooks.Contains).ToList() };
            return Result(reused, "cache", incident, request, context, null);
        }

        if (llm.CacheEnabled)
        {
            Count("miss");
        }

        var (draft, problem) = request.Work == InsightWork.NarrateWithoutModel
            ? (null, "the insight queue was full")
            : await AskModelAsync(incident, context, llm, knownRefs, knownRunbooks, cancellationToken);
        if (draft is not null)
        {
            cache.Set(key, draft, TimeSpan.FromMinutes(llm.CacheTtlMin));
            return Result(draft, "llm", incident, request, context, null);
        }

        metrics.Fallbacks.Add(1, new KeyValuePair<string, object?>("reason", problem));
        stats.Add(c => c.InsightFallbacks++);
        return Result(RuleBasedInsight.For(incident, context), "fallback", incident, request, context, problem);
    }

    private async Task<(InsightDraft? Draft, string Problem)> AskModelAsync(
        Incident incident, IReadOnlyList<ContextDocument> context, LlmPolicy llm, IReadOnlySet<string> knownRefs, IReadOnlySet<string> knownRunbooks, CancellationToken cancellationToken)
    {
        if (_chat is null)
        {
            return (null, "no model configured");
        }

        var messages = PromptBuilder.Build(incident, context, llm, policy.RedactorFor(incident.ShipId, "llm_prompt"));
        var options = new ChatOptions
        {
            ModelId = llm.Model,
            Temperature = (float)llm.ModelParams.Temperature,
            MaxOutputTokens = llm.ModelParams.MaxTokens,
            TopP = (float)llm.ModelParams.TopP,
            TopK = llm.ModelParams.TopK,
            ResponseFormat = llm.RequireJson ? ChatResponseFormat.Json : ChatResponseFormat.Text,
        };
        var problem = "circuit open";
        for (var attempt = 0; attempt <= llm.MaxRetries; attempt++)
        {
            if (!_breaker.AllowRequest())
            {
                return (null, "circuit open");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(llm.TimeoutMs);
            stats.Add(c => c.LlmCalls++);
            try
            {
                var response = await _chat.GetResponseAsync(messages, options, timeout.Token);
                var draft = InsightParser.Parse(response.Text, knownRefs, knownRunbooks, llm.MaxNarrativeChars);
                if (draft is not null)
                {
                    _breaker.OnSuccess();
                    metrics.LlmCalls.Add(1, new KeyValuePair<string, object?>("result", "success"));
                    return (draft, "");
                }

                problem = "unusable answer";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = "timeout";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = "error";
                LogModelError(logger, incident.IncidentId, e.GetType().Name, e.Message);
            }

            _breaker.OnFailure();
            stats.Add(c => c.LlmFailures++);
            metrics.LlmCalls.Add(1, new KeyValuePair<string, object?>("result", problem.Replace(' ', '_')));
        }

        return (null, problem);
    }

    private InsightResult Result(InsightDraft draft, string source, Incident incident, InsightRequest request, IReadOnlyList<ContextDocument> context, string? detail)
    {
        var runbooks = draft.RunbookIds
            .Select(id => context.FirstOrDefault(d => d.Id == id))
            .OfType<ContextDocument>()
            .Select(d => new RunbookRef(d.Id, d.Title, d.Risk ?? "low"))
            .ToList();
        var completed = clock.GetUtcNow();
        var latency = (completed - request.RequestedAt).TotalMilliseconds;
        metrics.Insights.Add(1, new KeyValuePair<string, object?>("source", source));
        metrics.Latency.Record(latency / 1000);
        stats.Add(c => LatencyHistogram.Record(c.InsightLatency, latency));
        return new InsightResult
        {
            Narrative = draft.Narrative,
            Confidence = draft.Confidence,
            EvidenceRefs = draft.EvidenceRefs,
            Runbooks = runbooks,
            Source = source,
            RequestedAt = request.RequestedAt,
            CompletedAt = completed,
            Detail = detail,
            WrittenForSeverity = incident.Severity,
        };
    }

    private void Count(string result)
    {
        metrics.Cache.Add(1, new KeyValuePair<string, object?>("result", result));
        stats.Add(c =>
        {
            if (result == "hit")
            {
                c.LlmCacheHits++;
            }
            else
            {
                c.LlmCacheMisses++;
            }
        });
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Model call for {IncidentId} failed: {ErrorType}: {Problem}")]
    private static partial void LogModelError(ILogger logger, string incidentId, string errorType, string problem);
}
