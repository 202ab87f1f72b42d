using System.Text.Json;
using AiOps.Contracts;
using AiOps.Contracts.Json;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Core.Tests.Journal;

public sealed class AlertBatchFormatTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 3, 4, 5, 678, TimeSpan.FromHours(2));

    /// <summary>An alert with every property set to something other than its default.</summary>
    private static AlertMessage Full(int n) => new()
    {
        SchemaVersion = "3.9",
        TrackingId = $"alert-{n}",
        Ts = At.AddTicks(n),
        ShipId = "ship-ä",
        Fingerprint = $"fp{n:x8}",
        AlertName = "DiskAlmostFull",
        Domain = Domain.System,
        Service = "pms-db",
        DeviceId = "db-1:9100",
        Severity = Severity.Critical,
        IncidentType = "resource_pressure",
        Labels = new Dictionary<string, string> { ["alertname"] = "DiskAlmostFull", ["mount"] = "/var/lib/データ" },
        Annotations = new Dictionary<string, string> { ["summary"] = "disk 98% full", ["empty"] = "" },
        StartsAt = At.AddMinutes(-3),
        EndsAt = new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.FromMinutes(-150)),
        GeneratorUrl = "http://prometheus.example/graph?g0.expr=disk",
        Resolved = true,
    };

    private static string Json(TelemetryBatch batch) => JsonSerializer.Serialize(batch, AiOpsJson.Options);

    [Fact]
    public void Every_property_of_an_alert_comes_back_as_written()
    {
        var batch = new TelemetryBatch { IngestedAt = At, Alerts = [Full(1), Full(2)] };

        var read = AlertBatchFormat.Read(AlertBatchFormat.Write(batch));

        Assert.Equal(Json(batch), Json(read));
        Assert.Equal(At.Offset, read.IngestedAt.Offset);
        Assert.Equal(batch.Alerts[0].EndsAt!.Value.Offset, read.Alerts[0].EndsAt!.Value.Offset);
    }

    [Fact]
    public void The_sample_sets_every_property_so_a_new_one_the_format_misses_fails_the_round_trip()
    {
        var sample = Full(1);
        var unset = typeof(AlertMessage).GetProperties()
            .Where(p => p.CanWrite)
            .Where(p => p.GetValue(sample) is null or false || Equals(p.GetValue(sample), p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(unset);
    }

    [Fact]
    public void Missing_optional_values_and_empty_maps_stay_missing_and_empty()
    {
        var bare = Full(3) with
        {
            DeviceId = null, IncidentType = null, GeneratorUrl = null, StartsAt = null, EndsAt = null, Resolved = false,
            Labels = new Dictionary<string, string>(), Annotations = new Dictionary<string, string>(),
        };
        var batch = new TelemetryBatch { IngestedAt = At, Alerts = [bare] };

        var read = AlertBatchFormat.Read(AlertBatchFormat.Write(batch)).Alerts.Single();

        Assert.Null(read.DeviceId);
        Assert.Null(read.StartsAt);
        Assert.Empty(read.Labels);
        Assert.Equal(Json(batch), Json(new TelemetryBatch { IngestedAt = At, Alerts = [read] }));
    }

    [Fact]
    public void Only_batches_of_alerts_alone_are_held_and_only_their_entries_are_recognised()
    {
        var alerts = new TelemetryBatch { IngestedAt = At, Alerts = [Full(1)] };
        var log = new LogMessage { TrackingId = "l", Ts = At, ShipId = "s", Domain = Domain.App, Service = "x", Level = MessageLevel.Error, Msg = "m" };

        Assert.True(AlertBatchFormat.Holds(alerts));
        Assert.False(AlertBatchFormat.Holds(alerts with { Logs = [log] }));
        Assert.False(AlertBatchFormat.Holds(new TelemetryBatch { IngestedAt = At }));
        Assert.True(AlertBatchFormat.IsAlertBatch(AlertBatchFormat.Write(alerts)));
        Assert.False(AlertBatchFormat.IsAlertBatch([0x01, 0x02]));
    }

    [Fact]
    public void Entries_the_journal_wrote_with_the_orleans_serializer_are_never_taken_for_alert_batches()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<TelemetryBatch>>();
        var log = new LogMessage { TrackingId = "l", Ts = At, ShipId = "s", Domain = Domain.App, Service = "x", Level = MessageLevel.Error, Msg = "m" };
        TelemetryBatch[] batches =
        [
            new() { IngestedAt = At },
            new() { IngestedAt = At, Logs = [log] },
            new() { IngestedAt = At, Alerts = [Full(1)], Logs = [log] },
            new() { IngestedAt = At, Alerts = [Full(1)] },
        ];

        foreach (var batch in batches)
        {
            var bytes = serializer.SerializeToArray(batch);
            Assert.False(AlertBatchFormat.IsAlertBatch(bytes));
            // The root field's header has field id delta 0 in its low three bits; the magic's 'A' (0x41) has 1 there.
            Assert.Equal(0, bytes[0] & 0x07);
        }
    }

    [Fact]
    public void A_cut_entry_fails_to_read_rather_than_reading_as_something_else()
    {
        var bytes = AlertBatchFormat.Write(new TelemetryBatch { IngestedAt = At, Alerts = [Full(1), Full(2)] });

        foreach (var length in new[] { 5, 20, bytes.Length / 2, bytes.Length - 1 })
        {
            Assert.Throws<InvalidDataException>(() => AlertBatchFormat.Read(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void An_alert_with_the_default_empty_maps_round_trips_through_the_orleans_serializer_and_the_journal_format()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<TelemetryBatch>>();
        var bare = Full(1) with { Labels = new AlertMessage { TrackingId = "t", Ts = At, ShipId = "s", Fingerprint = "f", AlertName = "a", Domain = Domain.App, Service = "x", Severity = Severity.Low }.Labels };
        var batch = new TelemetryBatch { IngestedAt = At, Alerts = [bare] };

        var viaOrleans = serializer.Deserialize(serializer.SerializeToArray(batch))!.Alerts.Single();
        var viaJournal = AlertBatchFormat.Read(AlertBatchFormat.Write(batch)).Alerts.Single();

        foreach (var read in new[] { viaOrleans, viaJournal })
        {
            Assert.Empty(read.Labels);
            Assert.Equal(bare.Annotations, read.Annotations);
        }
    }
}
