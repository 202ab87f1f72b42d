using AiOps.Contracts.Pipeline;
using Orleans.Concurrency;

namespace AiOps.Contracts.Grains;

/// <summary>
/// Traces of anomalous events, spread over a fixed number of buckets by tracking id so that no single grain
/// takes them all (key: bucket number).
/// </summary>
public interface ITraceBucketGrain : IGrainWithStringKey
{
    [OneWay]
    Task RecordAsync(IReadOnlyList<TraceRecord> records);

    Task<TraceRecord?> GetAsync(string trackingId);

    /// <summary>Forgets traces whose first stage is older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before);

    /// <summary>The bucket that holds a tracking id's trace.</summary>
    static string BucketOf(string trackingId, int buckets) =>
        ((uint)StableHash.Of(trackingId) % (uint)buckets).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
