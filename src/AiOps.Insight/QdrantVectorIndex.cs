using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AiOps.Core.Insight;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace AiOps.Insight;

/// <summary>
/// The vector index in Qdrant (configuration <c>Qdrant:Endpoint</c>, gRPC, e.g. <c>http://qdrant:6334</c>).
/// Collections are created on first use with the embedding's size and cosine distance; point ids are
/// derived from document ids, so re-indexing replaces rather than duplicates.
/// </summary>
public sealed class QdrantVectorIndex(QdrantClient client, Uri endpoint) : IVectorIndex
{
    private const string DocumentId = "doc_id";
    private readonly ConcurrentDictionary<string, bool> _ensured = new(StringComparer.Ordinal);

    public string Name => $"qdrant {endpoint}";

    public async Task UpsertAsync(string collection, IReadOnlyList<VectorDocument> documents, CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0)
        {
            return;
        }

        await EnsureAsync(collection, documents[0].Vector.Length, cancellationToken);
        var points = documents.Select(d =>
        {
            var point = new PointStruct { Id = new PointId { Uuid = PointUuid(d.Id) }, Vectors = d.Vector.ToArray() };
            point.Payload[DocumentId] = d.Id;
            foreach (var (key, value) in d.Payload)
            {
                point.Payload[key] = value;
            }

            return point;
        }).ToList();
        await client.UpsertAsync(collection, points, wait: true, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<VectorMatch>> SearchAsync(string collection, ReadOnlyMemory<float> vector, int limit, double minScore, CancellationToken cancellationToken = default)
    {
        if (!await client.CollectionExistsAsync(collection, cancellationToken))
        {
            return [];
        }

        var found = await client.QueryAsync(collection, query: vector.ToArray(), limit: (ulong)limit, payloadSelector: true,
            scoreThreshold: (float)minScore, cancellationToken: cancellationToken);
        return found.Select(p => new VectorMatch(
                p.Payload.TryGetValue(DocumentId, out var id) ? id.StringValue : p.Id.Uuid,
                p.Score,
                p.Payload.Where(kv => kv.Key != DocumentId).ToDictionary(kv => kv.Key, kv => kv.Value.StringValue)))
            .ToList();
    }

    private async Task EnsureAsync(string collection, int size, CancellationToken cancellationToken)
    {
        if (_ensured.ContainsKey(collection))
        {
            return;
        }

        if (!await client.CollectionExistsAsync(collection, cancellationToken))
        {
            await client.CreateCollectionAsync(collection, new VectorParams { Size = (ulong)size, Distance = Distance.Cosine }, cancellationToken: cancellationToken);
        }

        _ensured[collection] = true;
    }

    private static string PointUuid(string documentId) =>
        new Guid(MD5.HashData(Encoding.UTF8.GetBytes(documentId))).ToString();
}
