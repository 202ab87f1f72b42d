namespace AiOps.Core.Insight;

/// <summary>Similarity search over embedded documents: Qdrant in a cluster, in process on one box.</summary>
public interface IVectorIndex
{
    /// <summary>Where the documents live (for readiness and logs), e.g. <c>in-process</c> or a Qdrant address.</summary>
    string Name { get; }

    Task UpsertAsync(string collection, IReadOnlyList<VectorDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>The closest documents by cosine similarity, best first, none below <paramref name="minScore"/>.</summary>
    Task<IReadOnlyList<VectorMatch>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int limit, double minScore, CancellationToken cancellationToken = default);
}
