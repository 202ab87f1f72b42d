using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Insight;
using AiOps.Core.Policy;
using AiOps.Core.Stats;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AiOps.Insight;

/// <summary>
/// Produces an incident's insight. The cache, the overflow and the circuit are decided first, without any model
/// call; only then retrieval (model embeddings, falling back to the local index) and the model, each call bounded
/// through the <see cref="ModelGuard"/> and the whole within llm.yaml <c>insight_budget_ms</c> of the request
/// reaching the queue. The answer is parsed defensively and its citations checked; whenever the model cannot give
/// a usable, cited answer in time, the rule-based insight.
/// </summary>
public sealed class InsightEngine(
    IServiceProvider services,
    KnowledgeBase knowledge,
    InsightCache cache,
    ModelGuard guard,
    PolicyRuntime policy,
    StatsAccumulator stats,
    InsightMetrics metrics,
    TimeProvider clock,
    ILoggerFactory loggerFactory)
{
    public const string RetryPipelineName = "aiops-model-retry";

    private static readonly ResiliencePropertyKey<ChatRetryPlan> RetryPlan = new("aiops.model.retry-plan");

    // Null when no model is configured (Ollama:Endpoint unset): every insight is then rule-based.
    private readonly IChatClient? _chat = (IChatClient?)services.GetService(typeof(IChatClient));

    /// <summary>
    /// Tries a failed chat call again (llm.yaml <c>max_retries</c>, after <c>retry_delay_ms</c>) unless the circuit is
    /// open or the wait would run past the insight's budget. Each attempt goes through the <see cref="ModelGuard"/>.
    /// </summary>
    private readonly ResiliencePipeline<ModelOutcome<ChatResponse>> _retry = new ResiliencePipelineBuilder<ModelOutcome<ChatResponse>> { Name = RetryPipelineName, TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions<ModelOutcome<ChatResponse>>
        {
            // The plan on the context bounds the attempts by the ship's max_retries.
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Succeeded: false } failed
                && args.Context.Properties.GetValue(RetryPlan, default).Allows(args.AttemptNumber, failed.Problem, clock.GetUtcNow())),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(RetryPlan, default).Delay),
        })
        .ConfigureTelemetry(loggerFactory)
        .Build();

    public string BreakerState => guard.BreakerState;

    /// <summary>What went wrong with the latest model call (chat or embeddings), or null when it succeeded.</summary>
    public string? LastModelProblem => guard.LastProblem;

    public bool HasModel => _chat is not null;

    public async Task<InsightResult?> ProduceAsync(Incident incident, InsightRequest request, CancellationToken cancellationToken)
    {
        var llm = policy.For(incident.ShipId).Llm;
        if (!llm.Enabled)
        {
            return null;
        }

        var redactor = policy.RedactorFor(incident.ShipId, "llm_prompt");
        var deadline = (request.QueuedAt ?? clock.GetUtcNow()) + TimeSpan.FromMilliseconds(llm.InsightBudgetMs);
        var callTimeout = TimeSpan.FromMilliseconds(llm.TimeoutMs);
        var knownRefs = incident.Evidence.Select(e => e.Ref).ToHashSet(StringComparer.Ordinal);
        var key = InsightCacheKey.For(incident, llm.CacheKeyFields);
        if (llm.CacheEnabled && await cache.GetAsync(key, TimeSpan.FromMinutes(llm.CacheTtlMin), cancellationToken) is { } cached)
        {
            Count("hit");
            var local = await knowledge.RetrieveAsync(incident, llm, redactor, useModel: false, callTimeout, cancellationToken);
            // Another incident's evidence is not this one's: only its runbook choices carry over.
            var runbooks = RunbookIds(local);
            var reused = cached with { EvidenceRefs = cached.EvidenceRefs.Where(knownRefs.Contains).ToList(), RunbookIds = cached.RunbookIds.Where(runbooks.Contains).ToList() };
            return Result(reused, "cache", incident, request, local, null);
        }

        if (llm.CacheEnabled)
        {
            Count("miss");
        }

        var withoutModel = request.Work == InsightWork.NarrateWithoutModel ? "the insight queue was full"
            : _chat is null ? "no model configured"
            : guard.Refusing ? "circuit open"
            : clock.GetUtcNow() >= deadline ? "no time left in the insight budget"
            : null;
        if (withoutModel is not null)
        {
            var local = await knowledge.RetrieveAsync(incident, llm, redactor, useModel: false, callTimeout, cancellationToken);
            return Fallback(incident, request, local, withoutModel);
        }

        var context = await knowledge.RetrieveAsync(incident, llm, redactor, useModel: true, Within(callTimeout, deadline), cancellationToken);
        var (draft, problem) = await AskModelAsync(incident, context, llm, knownRefs, RunbookIds(context), deadline, cancellationToken);
        if (draft is not null)
        {
            cache.Set(key, draft, TimeSpan.FromMinutes(llm.CacheTtlMin));
            return Result(draft, "llm", incident, request, context, null);
        }

        return Fallback(incident, request, context, problem);
    }

    private InsightResult Fallback(Incident incident, InsightRequest request, IReadOnlyList<ContextDocument> context, string problem)
    {
        var reason = problem.StartsWith("the model's", StringComparison.Ordinal) ? "no valid citation" : problem;
        metrics.Fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
        stats.Add(c => c.InsightFallbacks++);
        return Result(RuleBasedInsight.For(incident, context), "fallback", incident, request, context, problem);
    }

    private static HashSet<string> RunbookIds(IReadOnlyList<ContextDocument> context) =>
        context.Where(d => d.Kind == "runbook").Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>One call's timeout: timeout_ms, cut to what is left of the insight's budget.</summary>
    private TimeSpan Within(TimeSpan timeout, DateTimeOffset deadline)
    {
        var left = deadline - clock.GetUtcNow();
        return left < timeout ? left : timeout;
    }

    private async Task<(InsightDraft? Draft, string Problem)> AskModelAsync(Incident incident, IReadOnlyList<ContextDocument> context, LlmPolicy llm,
        IReadOnlySet<string> knownRefs, IReadOnlySet<string> knownRunbooks, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
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
        var resilience = ResilienceContextPool.Shared.Get("chat", cancellationToken);
        resilience.Properties.Set(RetryPlan, new ChatRetryPlan(llm.MaxRetries, TimeSpan.FromMilliseconds(llm.RetryDelayMs), deadline));
        ModelOutcome<ChatResponse> answer;
        try
        {
            answer = await _retry.ExecuteAsync(async (attempt, _) =>
            {
                stats.Add(c => c.LlmCalls++);
                var outcome = await guard.CallAsync("chat", token => _chat!.GetResponseAsync(messages, options, token), Within(TimeSpan.FromMilliseconds(llm.TimeoutMs), deadline),
                    response => InsightParser.Parse(response.Text, knownRefs, knownRunbooks, llm.MaxNarrativeChars) is not null, attempt.CancellationToken);
                if (outcome.Succeeded)
                {
                    metrics.LlmCalls.Add(1, new KeyValuePair<string, object?>("result", "success"));
                }
                else
                {
                    stats.Add(c => c.LlmFailures++);
                    metrics.LlmCalls.Add(1, new KeyValuePair<string, object?>("result", outcome.Problem.Replace(' ', '_')));
                }

                return outcome;
            }, resilience, 0);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }

        if (answer.Succeeded)
        {
            var draft = InsightParser.Parse(answer.Value!.Text, knownRefs, knownRunbooks, llm.MaxNarrativeChars, out var dropped)!;
            return CitationCheck.Problem(draft, dropped) is { } uncited ? (null, uncited) : (draft, "");
        }

        return (null, answer.Problem);
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
}
