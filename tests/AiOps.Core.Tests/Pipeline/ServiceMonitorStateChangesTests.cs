using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Alerts;
using AiOps.Core.Detection;
using AiOps.Core.Pipeline;
using AiOps.Core.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;

namespace AiOps.Core.Tests.Pipeline;

/// <summary>A service state rebuilt from its snapshot and the changes of each write is the state that was written.</summary>
public sealed class ServiceMonitorStateChangesTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Replaying_each_writes_changes_on_the_snapshot_gives_the_state_that_was_written()
    {
        var bundle = PolicyLoader.Load(TestPolicies.Directory);
        var clock = new FakeTimeProvider(Make.T0);
        var pipeline = new ServicePipeline(new PolicyRuntime(new StaticPolicyProvider(bundle)).DetectFor("ship-a"), clock);
        var random = new Random(11);
        var state = new ServiceMonitorState();
        var replica = RoundTrip(state);
        state.ChangesSaved();
        var seen = (Series: 0, Alerts: 0, Delivered: 0, Templates: 0);
        for (var write = 0; write < 60; write++)
        {
            clock.Advance(TimeSpan.FromSeconds(random.Next(1, 30)));
            var ts = clock.GetUtcNow();
            var batch = new TelemetryBatch
            {
                IngestedAt = ts,
                Logs = Enumerable.Range(0, random.Next(0, 6)).Select(_ => Make.Log($"request {random.Next(0, 20)} failed after {random.Next(1, 900)} ms", ts: ts)).ToList(),
                Metrics = Enumerable.Range(0, random.Next(0, 20)).Select(_ => Make.Sample($"m{random.Next(0, 8)}", random.NextDouble() * 100, ts, service: "orders")).ToList(),
                Alerts = Enumerable.Range(0, random.Next(0, 10)).Select(_ => Alert($"fp-{random.Next(0, 40)}", ts, random)).ToList(),
            };
            pipeline.Process(batch, state);
            state.MarkDelivered(batch);
            state.Journals.Advance("journal-1", write, ts);

            var changes = Serializer.Deserialize<object>(Serializer.SerializeToArray<object>(state.TakeChanges()!))!;
            state.ChangesSaved();
            replica.ApplyChanges(changes);

            AssertSame(state, replica);
            seen = (Math.Max(seen.Series, state.Series.Count), Math.Max(seen.Alerts, state.FiringAlerts.Count),
                Math.Max(seen.Delivered, state.Delivered.Order.Count), Math.Max(seen.Templates, state.Logs.Templates.Count));
        }

        // Every part held something at some point: the comparisons above compared something.
        Assert.All(new[] { seen.Series, seen.Alerts, seen.Delivered, seen.Templates }, count => Assert.True(count > 0));
    }

    [Fact]
    public void A_series_changed_in_place_by_detection_is_among_the_changes()
    {
        var bundle = PolicyLoader.Load(TestPolicies.Directory);
        var clock = new FakeTimeProvider(Make.T0);
        var pipeline = new ServicePipeline(new PolicyRuntime(new StaticPolicyProvider(bundle)).DetectFor("ship-a"), clock);
        var state = new ServiceMonitorState();
        pipeline.Process(new TelemetryBatch { IngestedAt = Make.T0, Metrics = [Make.Sample("cpu", 10, Make.T0, service: "orders")] }, state);
        state.ChangesSaved();

        pipeline.Process(new TelemetryBatch { IngestedAt = Make.T0, Metrics = [Make.Sample("cpu", 11, Make.T0.AddSeconds(10), service: "orders")] }, state);

        var changes = (ServiceMonitorChanges)state.TakeChanges()!;
        Assert.Single(changes.Series.Set);
    }

    [Fact]
    public void A_state_written_before_its_maps_were_tracked_is_read_with_them()
    {
        var old = new ServiceMonitorStateBeforeTracking
        {
            Series = { ["cpu"] = new MetricSeries() },
            FiringAlerts = { ["fp-1"] = new FiringAlert { IncidentType = "app_degradation", LastSeen = Make.T0 } },
            UntrackedSamples = 3,
        };

        var read = Serializer.Deserialize<ServiceMonitorState>(Serializer.SerializeToArray(old))!;

        Assert.True(read.Series.ContainsKey("cpu"));
        Assert.Equal("app_degradation", read.FiringAlerts["fp-1"].IncidentType);
        Assert.Equal(3, read.UntrackedSamples);
        // And written again, the maps are in their new fields only.
        var again = Serializer.Deserialize<ServiceMonitorState>(Serializer.SerializeToArray(read))!;
        Assert.Single(again.Series);
        Assert.Single(again.FiringAlerts);
    }

    [Fact]
    public void A_state_and_changes_written_before_the_compact_format_are_read_with_their_alerts_and_ids()
    {
        var alert = new FiringAlert { IncidentType = "app_degradation", EndsAt = Make.T0.AddMinutes(5), LastSeen = Make.T0 };
        var old = new ServiceMonitorStateBeforeCompact { Delivered = { Order = ["id-1", "id-2"] } };
        old.FiringAlerts["fp-1"] = alert;
        var oldChanges = new ServiceMonitorChangesBeforeCompact { FiringAlerts = { Set = { ["fp-2"] = alert }, Removed = ["fp-1"] } };

        var read = Serializer.Deserialize<ServiceMonitorState>(Serializer.SerializeToArray(old))!;
        var changes = Serializer.Deserialize<ServiceMonitorChanges>(Serializer.SerializeToArray(oldChanges))!;

        Assert.Equal(["id-1", "id-2"], read.Delivered.Order);
        Assert.True(read.Delivered.Contains("id-2"));
        Assert.Equal(Make.T0.AddMinutes(5), read.FiringAlerts["fp-1"].EndsAt);
        Assert.Equal(["fp-2"], changes.FiringAlerts.Set.Keys);
        Assert.Equal(["fp-1"], changes.FiringAlerts.Removed);
        // Written again, they are in the compact fields only, and read back the same.
        var again = Serializer.Deserialize<ServiceMonitorState>(Serializer.SerializeToArray(read))!;
        AssertSame(read, again);
    }

    [Fact]
    public void Firing_alerts_and_delivered_ids_keep_every_field_through_the_compact_format()
    {
        var state = new ServiceMonitorState();
        state.FiringAlerts["fp-ends"] = new FiringAlert { IncidentType = "app_degradation", EndsAt = new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.FromHours(2)), LastSeen = Make.T0 };
        state.FiringAlerts["fp-ü-no-end"] = new FiringAlert { IncidentType = "", EndsAt = null, LastSeen = DateTimeOffset.MaxValue };
        state.Delivered.Add("id-ß", 10);

        var read = RoundTrip(state);

        Assert.Equal(state.FiringAlerts["fp-ends"].EndsAt, read.FiringAlerts["fp-ends"].EndsAt);
        Assert.Equal(TimeSpan.FromHours(2), read.FiringAlerts["fp-ends"].EndsAt!.Value.Offset);
        Assert.Null(read.FiringAlerts["fp-ü-no-end"].EndsAt);
        Assert.Equal(DateTimeOffset.MaxValue, read.FiringAlerts["fp-ü-no-end"].LastSeen);
        AssertSame(state, read);
    }

    private static AlertMessage Alert(string fingerprint, DateTimeOffset ts, Random random) => new()
    {
        TrackingId = Make.Id(), Ts = ts, ShipId = "ship-a", Fingerprint = fingerprint, AlertName = "DiskFull",
        Domain = Domain.App, Service = "orders", Severity = Severity.High,
        EndsAt = random.Next(3) == 0 ? null : ts.AddSeconds(random.Next(-60, 120)),
        Resolved = random.Next(8) == 0,
    };

    private static ServiceMonitorState RoundTrip(ServiceMonitorState state) =>
        Serializer.Deserialize<ServiceMonitorState>(Serializer.SerializeToArray(state))!;

    private static void AssertSame(ServiceMonitorState expected, ServiceMonitorState actual)
    {
        Assert.Equal(Bytes(expected.Series), Bytes(actual.Series));
        Assert.Equal(Bytes(expected.FiringAlerts), Bytes(actual.FiringAlerts));
        Assert.Equal(expected.Delivered.Order, actual.Delivered.Order);
        Assert.Equal(Serializer.SerializeToArray(expected.Context), Serializer.SerializeToArray(actual.Context));
        Assert.Equal(Serializer.SerializeToArray(expected.Logs), Serializer.SerializeToArray(actual.Logs));
        Assert.Equal(Serializer.SerializeToArray(expected.Journals), Serializer.SerializeToArray(actual.Journals));
        Assert.Equal(expected.UntrackedSamples, actual.UntrackedSamples);
    }

    // Each entry as its own bytes, in key order: the maps' own order may differ after a replay.
    private static List<(string, string)> Bytes<TValue>(IEnumerable<KeyValuePair<string, TValue>> map) =>
        map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, Convert.ToHexString(Serializer.SerializeToArray<object>(kv.Value!)))).ToList();
}
