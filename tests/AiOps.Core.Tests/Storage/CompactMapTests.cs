using AiOps.Core.Alerts;
using AiOps.Core.Storage;

namespace AiOps.Core.Tests.Storage;

/// <summary>A stored map reads back as written, and a damaged one fails to read rather than reading as something else.</summary>
public sealed class CompactMapTests
{
    private static readonly FiringAlert Alert = new() { IncidentType = "app_degradation", EndsAt = Make.T0.AddMinutes(1), LastSeen = Make.T0 };

    [Fact]
    public void Entries_set_and_keys_removed_come_back_as_written()
    {
        var set = Enumerable.Range(0, 500).ToDictionary(i => $"fp-{i}", i => new FiringAlert { IncidentType = $"type-{i % 3}", LastSeen = Make.T0.AddSeconds(i) });

        var read = CompactMap.Read<FiringAlert, FiringAlertFormat>(CompactMap.Write<FiringAlert, FiringAlertFormat>(set, ["gone-1", "gone-2"]).ToArray());

        Assert.Equal(set.Keys.Order(), read.Set.Keys.Order());
        Assert.All(set, kv => Assert.Equal((kv.Value.IncidentType, kv.Value.LastSeen), (read.Set[kv.Key].IncidentType, read.Set[kv.Key].LastSeen)));
        Assert.Equal(["gone-1", "gone-2"], read.Removed);
    }

    [Fact]
    public void A_cut_or_extended_map_fails_to_read()
    {
        var bytes = CompactMap.Write<FiringAlert, FiringAlertFormat>(new Dictionary<string, FiringAlert> { ["fp-1"] = Alert, ["fp-2"] = Alert }, ["fp-3"]).ToArray();

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => CompactMap.Read<FiringAlert, FiringAlertFormat>(bytes.AsSpan(0, length)));
        }

        Assert.Throws<InvalidDataException>(() => CompactMap.Read<FiringAlert, FiringAlertFormat>([.. bytes, 0]));
    }

    [Fact]
    public void A_map_of_another_format_version_is_refused()
    {
        var bytes = CompactMap.Write<FiringAlert, FiringAlertFormat>(new Dictionary<string, FiringAlert> { ["fp-1"] = Alert }, []).ToArray();
        bytes[0] = 2;

        var error = Assert.Throws<InvalidDataException>(() => CompactMap.Read<FiringAlert, FiringAlertFormat>(bytes));
        Assert.Contains("version", error.Message);
    }
}
