using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Correlation;
using AiOps.Core.Incidents;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Correlation;

public sealed class CorrelationEngineTests
{
    private static int _incidents;

    private static CorrelationEngine Engine(Action<CorrelatePolicy>? change = null)
    {
        var policy = PolicyLoader.Load(TestPolicies.Directory).Fleet.Correlate;
        change?.Invoke(policy);
        return new CorrelationEngine(policy, _ => $"INC-{Interlocked.Increment(ref _incidents)}");
    }

    private static IReadOnlyList<CorrelationDecision> Feed(CorrelationEngine engine, CorrelationState state, params CorrelationCandidate[] candidates) =>
        engine.Correlate(state, candidates);

    [Fact]
    public void An_opening_replayed_on_state_that_never_saw_it_opens_the_same_incident_id()
    {
        // A crash after the incident was written but before correlation saved its own state: the replay must
        // reach the same incident (which applies each tracking id once), not open a twin.
        var policy = PolicyLoader.Load(TestPolicies.Directory).Fleet.Correlate;
        var engine = new CorrelationEngine(policy, opener => IncidentIds.For("resource_pressure|ship-a", opener));
        var candidate = Make.Candidate(Make.Anomaly(Make.T0));

        var before = Feed(engine, new CorrelationState(), candidate);
        var replayed = Feed(engine, new CorrelationState(), candidate);
        var other = Feed(engine, new CorrelationState(), Make.Candidate(Make.Anomaly(Make.T0)));

        Assert.Equal(before[0].IncidentId, replayed[0].IncidentId);
        Assert.NotEqual(before[0].IncidentId, other[0].IncidentId);
        Assert.Matches("^INC-20261124-120000-[0-9a-f]{8}$", before[0].IncidentId);
    }

    [Fact]
    public void The_first_anomaly_opens_and_later_ones_in_the_window_join()
    {
        var engine = Engine();
        var state = new CorrelationState();

        var first = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0, device: "db-1")));
        var second = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(200), device: "db-2")));

        Assert.Equal(CorrelationVerdict.Opened, Assert.Single(first).Verdict);
        Assert.Equal(CorrelationVerdict.Joined, Assert.Single(second).Verdict);
        Assert.Equal(first[0].IncidentId, second[0].IncidentId);
    }

    [Fact]
    public void A_repeat_of_a_fingerprint_within_the_dedup_ttl_is_a_duplicate_of_its_incident()
    {
        var engine = Engine();
        var state = new CorrelationState();

        var opened = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0)));
        var repeats = Feed(engine, state,
            Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(60))),
            Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(700))));

        Assert.All(repeats, d => Assert.Equal(CorrelationVerdict.Duplicate, d.Verdict));
        Assert.All(repeats, d => Assert.Equal(opened[0].IncidentId, d.IncidentId));
    }

    [Fact]
    public void Repeats_of_members_split_out_become_duplicates_of_the_new_incident_and_the_others_stay()
    {
        var engine = Engine();
        var state = new CorrelationState();
        var opened = Feed(engine, state,
            Make.Candidate(Make.Anomaly(Make.T0, device: "db-1")),
            Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(5), device: "db-9")));
        var source = opened[0].IncidentId!;
        var moved = opened[1];

        IncidentHandOver.MoveMembers(state, new IncidentHandoff
        {
            Kind = IncidentHandoff.Split,
            FromIncidentId = source,
            ToIncidentId = "INC-split",
            Part = IncidentRecord.ToIncident(new IncidentState
            {
                IncidentId = "INC-split", FirstEventTs = Make.T0.AddSeconds(5), LastEventTs = Make.T0.AddSeconds(5),
            }),
            Actor = "erik",
            RequestedAt = Make.T0,
            Fingerprints = [moved.Fingerprint!],
        });
        var repeats = Feed(engine, state,
            Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(60), device: "db-9")),
            Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(61), device: "db-1")));

        Assert.Equal((CorrelationVerdict.Duplicate, "INC-split"), (repeats[0].Verdict, repeats[0].IncidentId));
        Assert.Equal((CorrelationVerdict.Duplicate, source), (repeats[1].Verdict, repeats[1].IncidentId));
    }

    [Fact]
    public void An_anomaly_outside_the_window_opens_a_new_incident()
    {
        var engine = Engine();
        var state = new CorrelationState();

        var first = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0, device: "db-1")));
        var later = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddHours(2), device: "db-2")));

        Assert.Equal(CorrelationVerdict.Opened, later[0].Verdict);
        Assert.NotEqual(first[0].IncidentId, later[0].IncidentId);
    }

    [Fact]
    public void A_late_anomaly_from_before_the_first_event_joins_instead_of_opening_a_twin()
    {
        var engine = Engine();
        var state = new CorrelationState();

        var metricFirst = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0, type: "rf_snr_min", device: "vsat-1"), "link_degradation"));
        var lateLog = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(-240), type: "link_down", device: "vsat-1"), "link_degradation"));

        Assert.Equal(CorrelationVerdict.Joined, lateLog[0].Verdict);
        Assert.Equal(metricFirst[0].IncidentId, lateLog[0].IncidentId);
        Assert.Equal(Make.T0.AddSeconds(-240), state.Windows.Single().FirstTs);
    }

    [Fact]
    public void Replaying_the_same_anomalies_in_any_order_and_batching_gives_the_same_grouping()
    {
        var anomalies = new[] { 0, 30, 100, 250, 2000, 2100, 5000 }
            .Select((sec, i) => Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(sec), device: $"db-{i}")))
            .ToList();

        // Each anomaly is named by the first anomaly of its incident: equal strings mean equal partitions.
        string Grouping(IEnumerable<IReadOnlyList<CorrelationCandidate>> batches)
        {
            var engine = Engine();
            var state = new CorrelationState();
            var incidentOf = batches.SelectMany(b => engine.Correlate(state, b)).ToDictionary(d => d.Candidate, d => d.IncidentId!);
            return string.Join(",", anomalies.Select(a => anomalies.FindIndex(b => incidentOf[b] == incidentOf[a])));
        }

        var live = Grouping(anomalies.Select(a => (IReadOnlyList<CorrelationCandidate>)[a]));
        var replayed = Grouping([anomalies]);
        var reversed = Grouping(anomalies.AsEnumerable().Reverse().Select(a => (IReadOnlyList<CorrelationCandidate>)[a]));
        int[] permutation = [6, 2, 4, 0, 5, 1, 3];
        var shuffled = Grouping(permutation.Select(i => anomalies[i]).Chunk(2).Select(c => (IReadOnlyList<CorrelationCandidate>)c));

        Assert.Equal("0,0,0,0,4,4,6", live);
        Assert.Equal(live, replayed);
        Assert.Equal(live, reversed);
        Assert.Equal(live, shuffled);
    }

    [Fact]
    public void Min_events_holds_anomalies_pending_until_enough_share_the_key()
    {
        var engine = Engine(p => p.MinEventsForIncident = 3);
        var state = new CorrelationState();

        var first = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0, device: "a")));
        var second = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(10), device: "b")));
        var third = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(20), device: "c")));

        Assert.Equal(CorrelationVerdict.Pending, first[0].Verdict);
        Assert.Equal(CorrelationVerdict.Pending, second[0].Verdict);
        Assert.Equal(3, third.Count);
        Assert.All(third, d => Assert.Equal(CorrelationVerdict.Opened, d.Verdict));
        Assert.Single(third.Select(d => d.IncidentId).Distinct());
    }

    [Fact]
    public void Suppressing_an_incident_suppresses_its_keys_for_the_ttl_then_lets_them_through()
    {
        var engine = Engine();
        var state = new CorrelationState();
        var opened = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0)))[0];
        var suppressKey = CorrelationKeys.SuppressKey("resource_pressure", "ship-a", "db-1", "orders");

        engine.OnStatusChanged(state, new IncidentStatusChanged
        {
            IncidentId = opened.IncidentId!,
            Status = IncidentStatus.Suppressed,
            ChangedAt = Make.T0.AddSeconds(10),
            LastEventTs = Make.T0,
            SuppressKeys = [suppressKey],
        });
        var during = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(600))));
        var after = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(10 + 1800 + 1))));

        Assert.Equal(CorrelationVerdict.Suppressed, during[0].Verdict);
        Assert.Equal(CorrelationVerdict.Opened, after[0].Verdict);
    }

    [Fact]
    public void A_resolved_incident_is_not_joined_again_when_reopening_is_off()
    {
        var engine = Engine(p => p.ReopenWindowSec = 0);
        var state = new CorrelationState();
        var opened = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0)))[0];

        engine.OnStatusChanged(state, new IncidentStatusChanged
        {
            IncidentId = opened.IncidentId!,
            Status = IncidentStatus.Resolved,
            ChangedAt = Make.T0.AddSeconds(30),
            LastEventTs = Make.T0,
            SuppressKeys = [],
        });
        var repeat = Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(60))));

        Assert.Equal(CorrelationVerdict.Opened, repeat[0].Verdict);
        Assert.NotEqual(opened.IncidentId, repeat[0].IncidentId);
    }

    [Fact]
    public void State_is_pruned_on_event_time()
    {
        var engine = Engine();
        var state = new CorrelationState();
        Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0)));

        Feed(engine, state, Make.Candidate(Make.Anomaly(Make.T0.AddDays(2), device: "other")));

        Assert.Single(state.Windows);
        Assert.Single(state.Fingerprints);
    }

    [Fact]
    public void Seed_key_formulas_are_kept()
    {
        Assert.Equal("link_degradation:viking-star:vsat-001:modem", CorrelationKeys.SuppressKey("link_degradation", "viking-star", "vsat-001", "modem"));
        Assert.Equal("link_degradation:viking-star:none:modem", CorrelationKeys.SuppressKey("link_degradation", "viking-star", null, "modem"));
        Assert.Equal(
            ["link_degradation:viking-star", "comms:viking-star", "modem:viking-star", "vsat-001:viking-star", "link_degradation:modem:viking-star"],
            CorrelationKeys.For("link_degradation", "vsat-001", "modem", "viking-star", "comms"));
    }
}
