using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Correlation;
using AiOps.Core.Pipeline;
using AiOps.Core.Policy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Core.Tests.Correlation;

/// <summary>A correlation state rebuilt from its snapshot and the changes of each write is the state that was written.</summary>
public sealed class CorrelationStateChangesTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Replaying_each_writes_changes_on_the_snapshot_gives_the_state_that_was_written()
    {
        var policy = PolicyLoader.Load(TestPolicies.Directory).Fleet.Correlate;
        var incidents = 0;
        var engine = new CorrelationEngine(policy, _ => $"INC-{++incidents}");
        var random = new Random(7);
        var state = new CorrelationState();
        // The first write is a snapshot; the replica is what reading it gives.
        var replica = RoundTrip(state);
        state.ChangesSaved();
        var ts = Make.T0;
        var firing = new List<string>();
        var seen = (Fingerprints: 0, Alerts: 0, Windows: 0, Closed: 0, Suppressions: 0);
        for (var pass = 0; pass < 60; pass++)
        {
            var candidates = Enumerable.Range(0, random.Next(1, 40)).Select(_ =>
            {
                ts = ts.AddSeconds(random.Next(0, 20));
                var alert = $"alert-{random.Next(0, 300)}";
                firing.Add(alert);
                return Make.Candidate(Make.Anomaly(ts, device: $"db-{random.Next(0, 50)}") with { AlertFingerprint = alert });
            }).ToList();
            var decisions = engine.Correlate(state, candidates);
            foreach (var decision in decisions.Take(3))
            {
                state.Undelivered[decision.Candidate.Anomaly.TrackingId] = SavedDecision.Of(decision, ts);
            }

            if (pass % 7 == 3 && state.Windows.Count > 0)
            {
                var closing = state.Windows[random.Next(state.Windows.Count)];
                var status = random.Next(3) switch { 0 => IncidentStatus.Resolved, 1 => IncidentStatus.Suppressed, _ => IncidentStatus.Merged };
                engine.OnStatusChanged(state, new IncidentStatusChanged
                {
                    IncidentId = closing.IncidentId,
                    Status = status,
                    ChangedAt = ts,
                    LastEventTs = closing.LastTs,
                    MergedInto = status == IncidentStatus.Merged ? "INC-merged" : null,
                    SuppressKeys = ["resource_pressure|ship-a|db-1|orders"],
                });
            }

            if (pass % 5 == 4)
            {
                CorrelationEngine.ResolveAlerts(state, firing.Where(_ => random.Next(4) == 0).ToList());
            }

            var changes = Serializer.Deserialize<object>(Serializer.SerializeToArray<object>(state.TakeChanges()!))!;
            state.ChangesSaved();
            replica.ApplyChanges(changes);

            AssertSame(state, replica);
            seen = (Math.Max(seen.Fingerprints, state.Fingerprints.Count), Math.Max(seen.Alerts, state.AlertIncidents.Count),
                Math.Max(seen.Windows, state.Windows.Count), Math.Max(seen.Closed, state.Closed.Count), Math.Max(seen.Suppressions, state.Suppressions.Count));
        }

        // Every part held something at some point: the comparisons above compared something.
        Assert.All(new[] { seen.Fingerprints, seen.Alerts, seen.Windows, seen.Closed, seen.Suppressions }, count => Assert.True(count > 0));
    }

    [Fact]
    public void A_state_written_before_its_maps_were_tracked_is_read_with_them()
    {
        var old = new CorrelationStateBeforeTracking
        {
            Fingerprints = { ["fp-1"] = new SeenFingerprint { LastTs = Make.T0, IncidentId = "INC-1" } },
            AlertIncidents = { ["alert-1"] = "INC-1" },
            Watermark = Make.T0,
        };

        var read = Serializer.Deserialize<CorrelationState>(Serializer.SerializeToArray(old))!;

        Assert.Equal("INC-1", read.Fingerprints["fp-1"].IncidentId);
        Assert.Equal("INC-1", read.AlertIncidents["alert-1"]);
        Assert.Equal(Make.T0, read.Watermark);
        // And written again, the maps are in their new fields only.
        var again = Serializer.Deserialize<CorrelationState>(Serializer.SerializeToArray(read))!;
        Assert.Equal("INC-1", again.AlertIncidents["alert-1"]);
        Assert.Single(again.Fingerprints);
    }

    [Fact]
    public void A_state_and_changes_written_before_the_compact_format_are_read_with_every_part()
    {
        var decision = new SavedDecision(CorrelationVerdict.Joined, "INC-1", null, 12.5, "fp-1", Make.T0);
        var old = new CorrelationStateBeforeCompact
        {
            Correlated = { Order = ["id-1"] },
            Undelivered = { ["id-1"] = decision },
        };
        old.Fingerprints["fp-1"] = new SeenFingerprint { LastTs = Make.T0, IncidentId = "INC-1" };
        old.AlertIncidents["alert-1"] = "INC-1";
        var oldChanges = new CorrelationChangesBeforeCompact
        {
            Fingerprints = { Set = { ["fp-2"] = new SeenFingerprint { LastTs = Make.T0, IncidentId = "INC-2" } }, Removed = ["fp-1"] },
            AlertIncidents = { Removed = ["alert-1"] },
            Correlated = new RecentIdsChanges(["id-2"], 2),
        };

        var read = Serializer.Deserialize<CorrelationState>(Serializer.SerializeToArray(old))!;

        Assert.Equal("INC-1", read.Fingerprints["fp-1"].IncidentId);
        Assert.Equal("INC-1", read.AlertIncidents["alert-1"]);
        Assert.Equal(decision, read.Undelivered["id-1"]);
        Assert.True(read.Correlated.Contains("id-1"));
        var written = Serializer.Deserialize<CorrelationState>(Serializer.SerializeToArray(read))!;
        AssertSame(read, written);

        read.ApplyChanges(Serializer.Deserialize<CorrelationChanges>(Serializer.SerializeToArray(oldChanges))!);

        Assert.Equal(["fp-2"], read.Fingerprints.Items.Keys);
        Assert.Empty(read.AlertIncidents.Items);
        Assert.Equal(["id-1", "id-2"], read.Correlated.Order);
    }

    [Fact]
    public void Undelivered_decisions_keep_every_field_through_the_compact_format()
    {
        var state = new CorrelationState();
        state.Undelivered["id-1"] = new SavedDecision(CorrelationVerdict.Silenced, null, "silence-7", -0.25, null, new DateTimeOffset(2026, 12, 7, 1, 2, 3, TimeSpan.FromHours(-5)));
        state.Undelivered["id-2"] = new SavedDecision(CorrelationVerdict.Reopened, "INC-ü", null, double.MaxValue, "fp", Make.T0);

        var read = RoundTrip(state);

        Assert.Equal(state.Undelivered["id-1"], read.Undelivered["id-1"]);
        Assert.Equal(state.Undelivered["id-2"], read.Undelivered["id-2"]);
        Assert.Equal(TimeSpan.FromHours(-5), read.Undelivered["id-1"].SavedAt.Offset);
    }

    private static CorrelationState RoundTrip(CorrelationState state) =>
        Serializer.Deserialize<CorrelationState>(Serializer.SerializeToArray(state))!;

    private static void AssertSame(CorrelationState expected, CorrelationState actual)
    {
        Assert.Equal(Sorted(expected.Fingerprints.Select(kv => (kv.Key, kv.Value.IncidentId + "@" + kv.Value.LastTs.ToUnixTimeSeconds()))),
            Sorted(actual.Fingerprints.Select(kv => (kv.Key, kv.Value.IncidentId + "@" + kv.Value.LastTs.ToUnixTimeSeconds()))));
        Assert.Equal(Sorted(expected.AlertIncidents.Select(kv => (kv.Key, kv.Value))), Sorted(actual.AlertIncidents.Select(kv => (kv.Key, kv.Value))));
        Assert.Equal(expected.Correlated.Order, actual.Correlated.Order);
        Assert.Equal(expected.Windows.Select(w => (w.IncidentId, w.FirstTs, w.LastTs)), actual.Windows.Select(w => (w.IncidentId, w.FirstTs, w.LastTs)));
        Assert.Equal(Sorted(expected.Suppressions.Select(kv => (kv.Key, kv.Value.IncidentId))), Sorted(actual.Suppressions.Select(kv => (kv.Key, kv.Value.IncidentId))));
        Assert.Equal(expected.Pending.Select(p => p.Anomaly.TrackingId), actual.Pending.Select(p => p.Anomaly.TrackingId));
        Assert.Equal(expected.Closed.Keys.Order(), actual.Closed.Keys.Order());
        Assert.Equal(expected.Undelivered.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.Undelivered.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Watermark, actual.Watermark);
    }

    private static List<(string, string)> Sorted(IEnumerable<(string Key, string Value)> pairs) =>
        pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
}
