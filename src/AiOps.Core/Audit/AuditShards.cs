using AiOps.Contracts.Messages;

namespace AiOps.Core.Audit;

/// <summary>
/// Where an audit entry is stored: its UTC day, then a bucket by a stable hash of its resource (so no grain
/// sees every entry), then a chunk of the bucket. And how the parts of a query are merged back, newest first.
/// </summary>
public static class AuditShards
{
    public static int BucketOf(string resource, int buckets) => (int)((uint)Contracts.StableHash.Of(resource) % (uint)buckets);

    public static string BucketKey(string day, int bucket) => $"{day}/b{bucket}";

    public static string ChunkKey(string bucketKey, int chunk) => $"{bucketKey}/c{chunk}";

    /// <summary>The newest <paramref name="limit"/> entries of all parts; ties in time keep a fixed order.</summary>
    public static List<AuditEvent> NewestFirst(IEnumerable<IEnumerable<AuditEvent>> parts, int limit) =>
        parts.SelectMany(p => p)
            .OrderByDescending(e => e.Ts)
            .ThenBy(e => e.TrackingId, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
}
