using System.Text.Json;
using AiOps.Contracts.Messages;
using AiOps.Core.Insight;
using AiOps.Core.Policy;
using AiOps.Core.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiOps.Insight;

/// <summary>
/// What the model may draw on: the shipped runbooks, the policy, and past resolved incidents, embedded into
/// the vector index. Retrieval always includes the runbooks written for the incident's type, then adds the
/// nearest documents above <c>rag.min_similarity</c>, up to <c>rag.max_context_docs</c>.
/// </summary>
public sealed partial class KnowledgeBase(
    IVectorIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IPolicyProvider policy,
    ILogger<KnowledgeBase> logger)
{
    public const string Runbooks = "runbooks";
    public const string Incidents = "incidents";
    public const string Policies = "policies";

    private IReadOnlyList<Runbook> _runbooks = [];

    public IReadOnlyList<Runbook> RunbookList => _runbooks;

    /// <summary>Loads and indexes the runbooks and the policy sections (at start and after a policy change).</summary>
    public async Task IndexShippedKnowledgeAsync(CancellationToken cancellationToken)
    {
        var fleet = policy.Current.Fleet;
        _runbooks = RunbookLibrary.Load(Path.Combine(fleet.Directory, fleet.Llm.RunbooksDirectory));
        var runbookDocs = _runbooks.Select(r => (r.Id, Text: $"{r.Title}\n{string.Join(' ', r.IncidentTypes)}\n{r.Body}",
            Payload: new Dictionary<string, string> { ["kind"] = "runbook", ["title"] = r.Title, ["risk"] = r.Risk, ["text"] = r.Body }));
        var policyDocs = PolicyLoader.Sections
            .Select(s => (Name: s, Json: JsonSerializer.Serialize(fleet.Section(s), fleet.Section(s).GetType())))
            .Select(p => ($"policy:{p.Name}", Text: $"{p.Name} policy {p.Json}",
                Payload: new Dictionary<string, string> { ["kind"] = "policy", ["title"] = $"{p.Name}.yaml", ["text"] = p.Json }));
        await UpsertAsync(Runbooks, runbookDocs.ToList(), fleet.Llm, cancellationToken);
        await UpsertAsync(Policies, policyDocs.ToList(), fleet.Llm, cancellationToken);
        LogIndexed(logger, _runbooks.Count, index.Name);
    }

    /// <summary>Adds a resolved incident to what later incidents can learn from (redacted for the vector store).</summary>
    public async Task LearnAsync(Incident incident, PiiRedactor? redactor, CancellationToken cancellationToken)
    {
        var text = redactor?.Redact(Describe(incident)) ?? Describe(incident);
        var title = $"Resolved {incident.IncidentType} on {incident.ShipId} ({incident.CreatedAt.UtcDateTime:yyyy-MM-dd})";
        await UpsertAsync(Incidents, [(incident.IncidentId, text, new Dictionary<string, string> { ["kind"] = "incident", ["title"] = title, ["text"] = text })],
            policy.Current.For(incident.ShipId).Llm, cancellationToken);
    }

    public async Task<IReadOnlyList<ContextDocument>> RetrieveAsync(Incident incident, LlmPolicy llm, PiiRedactor? redactor, CancellationToken cancellationToken)
    {
        var typed = _runbooks.Where(r => r.IncidentTypes.Contains(incident.IncidentType)).ToList();
        var relevance = new Dictionary<string, double>(StringComparer.Ordinal);
        var documents = new List<ContextDocument>();
        if (llm.Rag.Enabled && llm.Rag.MaxContextDocs > 0)
        {
            try
            {
                var query = redactor?.Redact(Describe(incident)) ?? Describe(incident);
                var vector = await EmbedAsync(query, llm, cancellationToken);

                // The type's runbooks always come, most relevant first (a carrier loss before a LAN fault).
                foreach (var match in await index.SearchAsync(Runbooks, vector, Math.Max(_runbooks.Count, 1), -1, cancellationToken))
                {
                    relevance[match.Id] = match.Score;
                }

                foreach (var source in llm.Rag.Sources)
                {
                    var matches = await index.SearchAsync(source, vector, llm.Rag.MaxContextDocs + 1, llm.Rag.MinSimilarity, cancellationToken);
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

    private async Task UpsertAsync(string collection, IReadOnlyList<(string Id, string Text, Dictionary<string, string> Payload)> docs, LlmPolicy llm, CancellationToken cancellationToken)
    {
        if (docs.Count == 0)
        {
            return;
        }

        var vectors = await embedder.GenerateAsync(docs.Select(d => d.Text), Options(llm), cancellationToken);
        await index.UpsertAsync(collection, docs.Zip(vectors).Select(p => new VectorDocument(p.First.Id, p.Second.Vector, p.First.Payload)).ToList(), cancellationToken);
    }

    private async Task<ReadOnlyMemory<float>> EmbedAsync(string text, LlmPolicy llm, CancellationToken cancellationToken) =>
        (await embedder.GenerateAsync([text], Options(llm), cancellationToken))[0].Vector;

    private static EmbeddingGenerationOptions Options(LlmPolicy llm) => new() { ModelId = llm.EmbeddingModel };

    private static string Describe(Incident incident) =>
        $"{incident.IncidentType.Replace('_', ' ')} {string.Join(' ', incident.Scope.Select(s => $"{s.Service} {s.DeviceId}"))} " +
        $"{incident.Narrative} {string.Join(' ', incident.Evidence.Take(10).Select(e => e.Summary))}";

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Indexed {Runbooks} runbooks and the policy into the {Index} vector index")]
    private static partial void LogIndexed(ILogger logger, int runbooks, string index);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Retrieval from {Index} failed ({Problem}); using the incident type's runbooks only")]
    private static partial void LogRetrievalFailed(ILogger logger, string index, string problem);
}
