using AiOps.Core.Insight;

namespace AiOps.Insight;

/// <summary>The in-process index under the local embedder: retrieval's fallback that never calls a model.</summary>
internal sealed class LocalKnowledge
{
    private readonly LocalTextEmbedder _embedder = new();

    public InMemoryVectorIndex Index { get; } = new();

    public ReadOnlyMemory<float> Embed(string text) => _embedder.Embed(text);

    public Task UpsertAsync(string collection, IReadOnlyList<(string Id, string Text, Dictionary<string, string> Payload)> docs, CancellationToken cancellationToken) =>
        Index.UpsertAsync(collection, docs.Select(d => new VectorDocument(d.Id, _embedder.Embed(d.Text), d.Payload)).ToList(), cancellationToken);
}
