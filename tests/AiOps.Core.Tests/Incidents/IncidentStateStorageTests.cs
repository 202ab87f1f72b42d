using AiOps.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Core.Tests.Incidents;

/// <summary>
/// An incident's firing alerts and member alerts (up to 10,000 each in an alert storm) are stored in the compact
/// format; states the Orleans serializer wrote before still read.
/// </summary>
public sealed class IncidentStateStorageTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Firing_and_member_alerts_come_back_in_order_with_the_rest_of_the_state()
    {
        var state = new IncidentState { IncidentId = "INC-1", AnomalyCount = 3, FiringAlerts = ["fp-b", "fp-a", "fp-ü"] };
        state.MemberAlerts["id-1"] = "fp-b";
        state.MemberAlerts["id-2"] = "fp-ü";
        state.Applied.Add("id-1", 100);

        var read = RoundTrip(state);

        Assert.Equal(["fp-b", "fp-a", "fp-ü"], read.FiringAlerts);
        Assert.Equal(state.MemberAlerts, read.MemberAlerts);
        Assert.Equal("INC-1", read.IncidentId);
        Assert.Equal(3, read.AnomalyCount);
        Assert.True(read.Applied.Contains("id-1"));
        // The map stays ordinal: a key differing only in case is another key.
        Assert.False(read.MemberAlerts.ContainsKey("ID-1"));
    }

    [Fact]
    public void Empty_lists_stay_empty_and_usable()
    {
        var read = RoundTrip(new IncidentState { IncidentId = "INC-2" });

        Assert.Empty(read.FiringAlerts);
        Assert.Empty(read.MemberAlerts);
        read.FiringAlerts.Add("fp");
        read.MemberAlerts["id"] = "fp";
        Assert.Equal(["fp"], RoundTrip(read).FiringAlerts);
    }

    [Fact]
    public void A_state_written_before_the_compact_format_still_reads_and_is_then_written_in_it()
    {
        var old = new IncidentStateBeforeCompact
        {
            IncidentId = "INC-3",
            FiringAlerts = ["fp-1", "fp-2"],
            MemberAlerts = new Dictionary<string, string> { ["id-1"] = "fp-1", ["id-2"] = "fp-2" },
        };

        var read = Serializer.Deserialize<IncidentState>(Serializer.SerializeToArray(old))!;

        Assert.Equal("INC-3", read.IncidentId);
        Assert.Equal(["fp-1", "fp-2"], read.FiringAlerts);
        Assert.Equal("fp-2", read.MemberAlerts["id-2"]);
        var rewritten = RoundTrip(read);
        Assert.Equal(read.FiringAlerts, rewritten.FiringAlerts);
        Assert.Equal(read.MemberAlerts, rewritten.MemberAlerts);
    }

    private static IncidentState RoundTrip(IncidentState state) => Serializer.Deserialize<IncidentState>(Serializer.SerializeToArray(state))!;
}

/// <summary>The fields of <see cref="IncidentState"/> that changed, as the Orleans serializer wrote them before the compact format.</summary>
[GenerateSerializer, Alias("aiops.tests.incident-state-before-compact")]
public sealed class IncidentStateBeforeCompact
{
    [Id(1)] public string IncidentId { get; set; } = "";
    [Id(34)] public List<string> FiringAlerts { get; set; } = [];
    [Id(38)] public Dictionary<string, string> MemberAlerts { get; set; } = new(StringComparer.Ordinal);
}
