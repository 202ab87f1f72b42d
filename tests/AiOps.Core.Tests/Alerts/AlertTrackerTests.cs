using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Alerts;
using AiOps.Core.Incidents;
using AiOps.Core.Storage;

namespace AiOps.Core.Tests.Alerts;

public sealed class AlertTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    private static AlertMessage Alert(string fingerprint, DateTimeOffset? endsAt, bool resolved = false) => new()
    {
        TrackingId = Guid.NewGuid().ToString("N"), Ts = Now, ShipId = "s", Fingerprint = fingerprint, AlertName = "X",
        Domain = Domain.App, Service = "svc", Severity = Severity.High, EndsAt = endsAt, Resolved = resolved,
    };

    [Fact]
    public void First_arrival_is_new_repeats_are_not_and_a_resolution_names_the_incident_type()
    {
        var firing = new TrackedMap<FiringAlert>();
        var tracker = new AlertTracker(firing, 10);

        Assert.True(tracker.Observe(Alert("f1", Now.AddMinutes(4)), "app_degradation", Now));
        Assert.False(tracker.Observe(Alert("f1", Now.AddMinutes(5)), "app_degradation", Now));
        Assert.False(tracker.Observe(Alert("f1", Now.AddSeconds(-1), resolved: true), "app_degradation", Now));

        Assert.Equal(1, tracker.Repeats);
        Assert.Equal([new ResolvedAlert("f1", "app_degradation")], tracker.Resolved);
        Assert.Empty(firing);
    }

    [Fact]
    public void An_alert_not_repeated_past_its_endsAt_resolves_and_the_capacity_holds()
    {
        var firing = new TrackedMap<FiringAlert>();
        var tracker = new AlertTracker(firing, 2);
        tracker.Observe(Alert("old", Now.AddMinutes(1)), "t", Now);
        tracker.Observe(Alert("new", Now.AddMinutes(10)), "t", Now.AddSeconds(1));
        tracker.Observe(Alert("newest", Now.AddMinutes(10)), "t", Now.AddSeconds(2));

        tracker.ExpireSilent(Now.AddMinutes(2));

        Assert.Equal(2, firing.Count + tracker.Resolved.Count);
        Assert.DoesNotContain("old", firing.Items.Keys);
    }

    [Fact]
    public void A_full_tracker_forgets_its_least_recently_seen_sixteenth_and_recognises_the_rest()
    {
        var firing = new TrackedMap<FiringAlert>();
        var tracker = new AlertTracker(firing, 32);
        for (var n = 0; n < 32; n++)
        {
            tracker.Observe(Alert($"f{n}", null), "t", Now.AddSeconds(n));
        }

        // f0 is seen again, so f1 and f2 are now the least recently seen.
        Assert.False(tracker.Observe(Alert("f0", null), "t", Now.AddSeconds(40)));
        Assert.True(tracker.Observe(Alert("f32", null), "t", Now.AddSeconds(41)));

        Assert.Equal(31, firing.Count);
        Assert.DoesNotContain("f1", firing.Items.Keys);
        Assert.DoesNotContain("f2", firing.Items.Keys);
        Assert.False(tracker.Observe(Alert("f0", null), "t", Now.AddSeconds(42)));
        Assert.False(tracker.Observe(Alert("f3", null), "t", Now.AddSeconds(42)));
        Assert.True(tracker.Observe(Alert("f1", null), "t", Now.AddSeconds(43)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_tracker_that_skips_scans_by_its_end_bound_resolves_exactly_what_a_full_scan_resolves(int seed)
    {
        // The same random stream of firing, repeated (endsAt earlier, later or gone), resolved and evicted alerts
        // through a tracker kept across batches with its bound and one that scans on every batch.
        var random = new Random(seed);
        var bounded = new TrackedMap<FiringAlert>();
        var scanned = new TrackedMap<FiringAlert>();
        var ends = new AlertEndBound();
        var now = Now;
        var skipped = 0;
        for (var batch = 0; batch < 400; batch++)
        {
            now = now.AddSeconds(random.Next(0, 40));
            var withBound = new AlertTracker(bounded, 48, ends);
            var everyTime = new AlertTracker(scanned, 48);
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                var endsAt = random.Next(4) == 0 ? (DateTimeOffset?)null : now.AddSeconds(random.Next(-30, 300));
                var alert = Alert($"f{random.Next(64)}", endsAt, resolved: random.Next(10) == 0);
                Assert.Equal(everyTime.Observe(alert, "t", now), withBound.Observe(alert, "t", now));
            }

            skipped += ends.MayHaveEnded(now) ? 0 : 1;
            withBound.ExpireSilent(now);
            everyTime.ExpireSilent(now);

            Assert.Equal(everyTime.Resolved, withBound.Resolved);
            Assert.Equal(scanned.Items.Keys.Order(), bounded.Items.Keys.Order());
        }

        // The bound is of use only if it lets scans be skipped; the stream above has quiet stretches.
        Assert.True(skipped > 0, "no scan was skipped");
    }

    [Fact]
    public void An_alert_noted_twice_in_one_change_or_across_changes_is_tracked_once()
    {
        var state = new IncidentState { Exists = true, Status = IncidentStatus.Open };
        AlertMembership.Note(state, Change(Anomaly("f1"), Anomaly("f1"), Anomaly("f2")));
        AlertMembership.Note(state, Change(Anomaly("f2"), Anomaly("f3")));

        Assert.Equal(["f1", "f2", "f3"], state.FiringAlerts);
        Assert.False(state.HasNonAlertMembers);
    }

    [Fact]
    public void An_incident_resolves_by_its_alerts_only_when_it_has_no_other_members()
    {
        var alertsOnly = new IncidentState { Exists = true, Status = IncidentStatus.Open };
        var mixed = new IncidentState { Exists = true, Status = IncidentStatus.Open };
        AlertMembership.Note(alertsOnly, Change(Anomaly("f1"), Anomaly("f2")));
        AlertMembership.Note(mixed, Change(Anomaly("f1"), Anomaly(null)));

        Assert.False(AlertMembership.Resolve(alertsOnly, ["f1"], Now));
        Assert.True(AlertMembership.Resolve(alertsOnly, ["f2"], Now));
        Assert.False(AlertMembership.Resolve(mixed, ["f1"], Now));
        Assert.Empty(mixed.FiringAlerts);
    }

    private static IncidentChange Change(params AnomalyEnriched[] members) =>
        new() { IncidentId = "i", IncidentType = "t", ShipId = "s", NewMembers = members };

    private static AnomalyEnriched Anomaly(string? fingerprint) => new()
    {
        TrackingId = Guid.NewGuid().ToString("N"), Ts = Now, ShipId = "s", Domain = Domain.App, AnomalyType = "X", Service = "svc",
        Score = 0.8, Detector = "d", AlertFingerprint = fingerprint, Context = new AnomalyContext(), Severity = Severity.High,
    };
}
