using System.Text.Json;
using AiOps.Contracts.Messages;
using AiOps.Core.Insight;
using AiOps.Core.Policy;
using AiOps.Core.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AiOps.Insight;

/// <summary>
/// What the model may draw on: the shipped runbooks, the policy, and past resolved incidents, embedded into
/// the vector index. Retrieval always includes the runbooks written for the incident's type, then adds the
/// nearest documents above <c>rag.min_similarity</c>, up to <c>rag.max_context_docs</c>.
/// When the model embeds (Ollama), the same knowledge is also kept in an in-process index under the local
/// embedder: retrieval uses it while the model's index is not built yet, or when the model's embeddings fail or
/// hang, so a sick model never stalls retrieval. Model embeddings go through the <see cref="ModelGuard"/>.
/// </summary>
public sealed partial class KnowledgeBase(
    IVectorIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IPolicyProvider policy,
    ModelGuard guard,
    ILogger<KnowledgeBase> logger,
    ILoggerFactory loggerFactory)
{
    public const string IndexRetryPipelineName = "aiops-model-index";

    /// <summary>Documents per embedding call at start-up: each call is bounded by timeout_ms, so keep them small.</summary>
    private const int IndexBatch = 8;

    private readonly LocalKnowledge? _local = embedder is LocalTextEmbedder && index is InMemoryVectorIndex ? null : new LocalKnowledge();
    private volatile bool _modelIndexReady;

    public const string Runbooks = "runbooks";
    public const string Incidents = "incidents";
    public const string Policies = "policies";

    private IReadOnlyList<Runbook> _runbooks = [];

    public IReadOnlyList<Runbook> RunbookList => _runbooks;

    /// <summary>False while a model-backed index is not built yet (retrieval is on the local index meanwhile).</summary>
    public bool ModelIndexReady => _local is null || _modelIndexReady;

    /// <summary>
    /// Loads the runbooks and the policy sections and indexes them where no model is involved (the local index,
    /// or the only index when nothing is model-backed). Quick: the insight workers start right after it.
    /// </summary>
    public async Task IndexLocallyAsync(CancellationToken cancellationToken)
    {
        var (runbookDocs, policyDocs) = ShippedDocuments();
        if (_local is not null)
        {
            await _local.UpsertAsync(Runbooks, runbookDocs, cancellationToken);
            await _local.UpsertAsync(Policies, policyDocs, cancellationToken);
            return;
        }

        var llm = policy.Current.Fleet.Llm;
        await UpsertAsync(Runbooks, runbookDocs, llm, cancellationToken);
        await UpsertAsync(Policies, policyDocs, llm, cancellationToken);
        _modelIndexReady = true;
        LogIndexed(logger, _runbooks.Count, index.Name);
    }

    /// <summary>
    /// Builds the model's index (model embeddings, maybe Qdrant) in the background: retried every
    /// circuit_breaker.timeout_sec until it succeeds (a Polly retry), while retrieval uses the local index meanwhile.
    /// </summary>
    public async Task IndexForModelAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        if (_local is null)
        {
            return;
        }

        var retry = new ResiliencePipelineBuilder { Name = IndexRetryPipelineName, TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)),
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(TimeSpan.FromSeconds(policy.Current.Fleet.Llm.CircuitBreaker.TimeoutSec)),
                OnRetry = args =>
                {
                    LogModelIndexFailed(logger, index.Name, args.Outcome.Exception!.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .ConfigureTelemetry(loggerFactory)
            .Build();
        await retry.ExecuteAsync(async token =>
        {
            var (runbookDocs, policyDocs) = ShippedDocuments();
            var llm = policy.Current.Fleet.Llm;
            foreach (var batch in runbookDocs.Chunk(IndexBatch))
            {
                await UpsertAsync(Runbooks, batch, llm, token);
            }

            foreach (var batch in policyDocs.Chunk(IndexBatch))
            {
                await UpsertAsync(Policies, batch, llm, token);
            }
        }, cancellationToken);
        _modelIndexReady = true;
        LogIndexed(logger, _runbooks.Count, index.Name);
    }

    private (List<(string Id, string Text, Dictionary<string, string> Payload)> Runbooks, List<(string Id, string Text, Dictionary<string, string> Payload)> Policies) ShippedDocuments()
    {
        var fleet = policy.Current.Fleet;
        _runbooks = RunbookLibrary.Load(Path.Combine(fleet.Directory, fleet.Llm.RunbooksDirectory));
        var runbookDocs = _runbooks.Select(r => (r.Id, Text: $"{r.Title}\n{string.Join(' ', r.IncidentTypes)}\n{r.Body}",
            Payload: new Dictionary<string, string> { ["kind"] = "runbook", ["title"] = r.Title, ["risk"] = r.Risk, ["text"] = r.Body }));
        var policyDocs = PolicyLoader.Sections
            .Select(s => (Name: s, Json: JsonSerializer.Serialize(fleet.Section(s), fleet.Section(s).GetType())))
            .Select(p => ($"policy:{p.Name}", Text: $"{p.Name} policy {p.Json}",
                Payload: new Dictionary<string, string> { ["kind"] = "policy", ["title"] = $"{p.Name}.yaml", ["text"] = p.Json }));
        return (runbookDocs.ToList(), policyDocs.ToList());
    }

    /// <summary>
    /// Adds a resolved incident to what later incidents can learn from (redacted for the vector store). Without the
    /// model (<paramref name="useModel"/> false) only the local index learns it; true when every index has it.
    /// </summary>
    public async Task<bool> LearnAsync(Incident incident, PiiRedactor? redactor, bool useModel, CancellationToken cancellationToken)
    {
        var text = redactor?.Redact(Describe(incident)) ?? Describe(incident);
        var title = $"Resolved {incident.IncidentType} on {incident.ShipId} ({incident.CreatedAt.UtcDateTime:yyyy-MM-dd})";
        List<(string, string, Dictionary<string, string>)> docs = [(incident.IncidentId, text, new Dictionary<string, string> { ["kind"] = "incident", ["title"] = title, ["text"] = text })];
        if (_local is not null)
        {
            await _local.UpsertAsync(Incidents, docs, cancellationToken);
            if (!useModel)
            {
                return false;
            }
        }

        await UpsertAsync(Incidents, docs, policy.Current.For(incident.ShipId).Llm, cancellationToken);
        return true;
    }

    /// <summary>The context for an incident, asking the model within the policy's timeout.</summary>
    public Task<IReadOnlyList<ContextDocument>> RetrieveAsync(Incident incident, LlmPolicy llm, PiiRedactor? redactor, CancellationToken cancellationToken) =>
        RetrieveAsync(incident, llm, redactor, useModel: true, TimeSpan.FromMilliseconds(llm.TimeoutMs), cancellationToken);

    /// <summary>
    /// The context for an incident. <paramref name="useModel"/> false retrieves without any model call (the local
    /// index): for cache hits, overflow and an open circuit, which must not wait on the model.
    /// </summary>
    public async Task<IReadOnlyList<ContextDocument>> RetrieveAsync(Incident incident, LlmPolicy llm, PiiRedactor? redactor, bool useModel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var typed = _runbooks.Where(r => r.IncidentTypes.Contains(incident.IncidentType)).ToList();
        var relevance = new Dictionary<string, double>(StringComparer.Ordinal);
        var documents = new List<ContextDocument>();
        if (llm.Rag.Enabled && llm.Rag.MaxContextDocs > 0)
        {
            try
            {
                var query = redactor?.Redact(Describe(incident)) ?? Describe(incident);
                var (searched, vector) = await QueryVectorAsync(query, llm, useModel, timeout, cancellationToken);

                // The type's runbooks always come, most relevant first (a carrier loss before a LAN fault).
                foreach (var match in await searched.SearchAsync(Runbooks, vector, Math.Max(_runbooks.Count, 1), -1, cancellationToken).WaitAsync(timeout, cancellationToken))
                {
                    relevance[match.Id] = match.Score;
                }

                foreach (var source in llm.Rag.Sources)
                {
                    var matches = await searched.SearchAsync(source, vector, llm.Rag.MaxContextDocs + 1, llm.Rag.MinSimilarity, cancellationToken).WaitAsync(timeout, cancellationToken);
                    documents.AddRange(matches.Where(m => m.Id != incident.IncidentId).Select(m => new ContextDocument(
                        m.Id, m.Payload.GetValueOrDefault("kind", source), m.Payload.GetValueOrDefault("title", m.Id),
                        m.Payload.GetValueOrDefault("text", ""), m.Score, m.Payload.GetValueOrDefault("risk"))));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Retrieval is best effort: the type's runbooks are still there.
                LogRetrievalFailed(logger, index.Name, e.Message);
            }
        }

        documents.AddRange(typed.Select(r => new ContextDocument(r.Id, "runbook", r.Title, r.Body, 1.0 + relevance.GetValueOrDefault(r.Id), r.Risk)));
        return documents
            .GroupBy(d => d.Id)
            .Select(g => g.MaxBy(d => d.Score)!)
            .OrderByDescending(d => d.Score)
            .Take(Math.Max(llm.Rag.MaxContextDocs, 1))
            .ToList();
    }

    /// <summary>
    /// The index to search and the query's vector in it: the model's when it is built and its embedding answers in
    /// time, else the local index with the local embedder (no model call at all when <paramref name="useModel"/> is false).
    /// </summary>
    private async Task<(IVectorIndex Index, ReadOnlyMemory<float> Vector)> QueryVectorAsync(string query, LlmPolicy llm, bool useModel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_local is null)
        {
            return (index, (await embedder.GenerateAsync([query], Options(llm), cancellationToken))[0].Vector);
        }

        if (useModel && _modelIndexReady && !guard.Refusing)
        {
            var embedded = await guard.CallAsync("embeddings", token => embedder.GenerateAsync([query], Options(llm), token), timeout, null, cancellationToken);
            if (embedded.Succeeded)
            {
                return (index, embedded.Value![0].Vector);
            }

            LogRetrievalFallback(logger, embedded.Problem);
        }

        return (_local.Index, _local.Embed(query));
    }

    /// <summary>Embeds and stores documents in the model's index; a model embedding that fails or hangs throws.</summary>
    private async Task UpsertAsync(string collection, IReadOnlyList<(string Id, string Text, Dictionary<string, string> Payload)> docs, LlmPolicy llm, CancellationToken cancellationToken)
    {
        if (docs.Count == 0)
        {
            return;
        }

        GeneratedEmbeddings<Embedding<float>> vectors;
        if (_local is null)
        {
            vectors = await embedder.GenerateAsync(docs.Select(d => d.Text), Options(llm), cancellationToken);
        }
        else
        {
            var embedded = await guard.CallAsync("embeddings", token => embedder.GenerateAsync(docs.Select(d => d.Text), Options(llm), token),
                TimeSpan.FromMilliseconds(llm.TimeoutMs), null, cancellationToken);
            vectors = embedded.Succeeded ? embedded.Value! : throw new TimeoutException($"model embeddings for {collection}: {embedded.Problem}");
        }

        await index.UpsertAsync(collection, docs.Zip(vectors).Select(p => new VectorDocument(p.First.Id, p.Second.Vector, p.First.Payload)).ToList(), cancellationToken)
            .WaitAsync(TimeSpan.FromMilliseconds(llm.TimeoutMs), cancellationToken);
    }

    private static EmbeddingGenerationOptions Options(LlmPolicy llm) => new() { ModelId = llm.EmbeddingModel };

    private static string Describe(Incident incident) =>
        $"{incident.IncidentType.Replace('_', ' ')} {string.Join(' ', incident.Scope.Select(s => $"{s.Service} {s.DeviceId}"))} " +
        $"{incident.Narrative} {string.Join(' ', incident.Evidence.Take(10).Select(e => e.Summary))}";

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Indexed {Runbooks} runbooks and the policy into the {Index} vector index")]
    private static partial void LogIndexed(ILogger logger, int runbooks, string index);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Building the {Index} index with model embeddings failed ({Problem}); retrieval uses the local index, and building is tried again")]
    private static partial void LogModelIndexFailed(ILogger logger, string index, string problem);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Information, Message = "Model embeddings for retrieval failed ({Problem}); retrieving from the local index")]
    private static partial void LogRetrievalFallback(ILogger logger, string problem);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Retrieval from {Index} failed ({Problem}); using the incident type's runbooks only")]
    private static partial void LogRetrievalFailed(ILogger logger, string index, string problem);
}
