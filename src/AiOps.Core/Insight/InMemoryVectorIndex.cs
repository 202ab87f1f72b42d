using System.Collections.Concurrent;

namespace AiOps.Core.Insight;

/// <summary>The in-process vector index of the embedded default: exact cosine search, fine for thousands of documents.</summary>
public sealed class InMemoryVectorIndex : IVectorIndex
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, VectorDocument>> _collections = new(StringComparer.Ordinal);

    public string Name => "in-process";

    public Task UpsertAsync(string collection, IReadOnlyList<VectorDocument> documents, CancellationToken cancellationToken = default)
    {
        var target = _collections.GetOrAdd(collection, _ => new ConcurrentDictionary<string, VectorDocument>(StringComparer.Ordinal));
        foreach (var document in documents)
        {
            target[document.Id] = document;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VectorMatch>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int limit, double minScore, CancellationToken cancellationToken = default)
    {
        if (!_collections.TryGetValue(collection, out var documents))
        {
            return Task.FromResult<IReadOnlyList<VectorMatch>>([]);
        }

        IReadOnlyList<VectorMatch> matches = documents.Values
            .Select(d => new VectorMatch(d.Id, Cosine(vector.Span, d.Vector.Span), d.Payload))
            .Where(m => m.Score >= minScore)
            .OrderByDescending(m => m.Score)
            .Take(limit)
            .ToList();
        return Task.FromResult(matches);
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
