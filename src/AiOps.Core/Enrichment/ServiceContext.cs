using AiOps.Contracts.Messages;

namespace AiOps.Core.Enrichment;

/// <summary>
/// What a service monitor remembers for enrichment, so the hot path needs no database: anomaly counts by
/// fingerprint, the last incident and the devices seen. Bounded: the least recently seen entries go first.
/// </summary>
[GenerateSerializer, Alias("aiops.service-context.v1")]
public sealed class ServiceContext
{
    [Id(0)] public Dictionary<string, SimilarityCounter> Similar { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public DateTimeOffset? LastIncidentTs { get; set; }
    [Id(2)] public Dictionary<string, DeviceInfo> Devices { get; set; } = new(StringComparer.Ordinal);

    public SimilarityCounter CounterFor(string fingerprint, int maxFingerprints)
    {
        if (!Similar.TryGetValue(fingerprint, out var counter))
        {
            if (Similar.Count >= maxFingerprints)
            {
                Similar.Remove(Similar.MinBy(kv => kv.Value.LastSeen).Key);
            }

            counter = new SimilarityCounter();
            Similar[fingerprint] = counter;
        }

        return counter;
    }

    /// <summary>Rank (1 = most frequent) of a fingerprint among this service's anomalies of the last day.</summary>
    public int RankOf(string fingerprint, DateTimeOffset at)
    {
        var mine = Similar.TryGetValue(fingerprint, out var counter) ? counter.LastDay(at) : 0;
        return 1 + Similar.Count(kv => kv.Key != fingerprint && kv.Value.LastDay(at) > mine);
    }

    public void Learn(DeviceInfo device, int maxDevices)
    {
        if (!Devices.ContainsKey(device.DeviceId) && Devices.Count >= maxDevices)
        {
            Devices.Remove(Devices.Keys.First());
        }

        Devices[device.DeviceId] = device;
    }
}
