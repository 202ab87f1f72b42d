using System.Text.Json;
using AiOps.Contracts;
using AiOps.Contracts.Json;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Core.Tests.Journal;

public sealed class TelemetryBatchFormatTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 3, 4, 5, 678, TimeSpan.FromHours(2));

    /// <summary>A log with every property set to something other than its default.</summary>
    private static LogMessage FullLog(int n) => new()
    {
        SchemaVersion = "3.9",
        TrackingId = $"log-{n}",
        Ts = new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.FromMinutes(-150)).AddTicks(n),
        ShipId = "ship-ä",
        Domain = Domain.Net,
        Service = "vsat-modem",
        Level = MessageLevel.Fatal,
        Msg = "Carrier lost on beam 3 — データ",
        Host = "vsat-host",
        DeviceId = "vsat-001",
        Meta = """{"beam":3,"nested":{"x":[1,2]}}""",
    };

    /// <summary>A metric with every property set to something other than its default.</summary>
    private static MetricSample FullMetric(int n) => new()
    {
        SchemaVersion = "3.9",
        TrackingId = $"metric-{n}",
        Ts = At.AddSeconds(n),
        ShipId = "ship-ä",
        Domain = Domain.System,
        Service = "pms-db",
        Metric = "disk_used_ratio",
        Value = -0.123456789012345 * n,
        DeviceId = "db-1:9100",
        Labels = new Dictionary<string, string> { ["mount"] = "/var/lib/データ", ["empty"] = "" },
    };

    private static string Json(TelemetryBatch batch) => JsonSerializer.Serialize(batch, AiOpsJson.Options);

    [Fact]
    public void Every_property_of_a_log_and_a_metric_comes_back_as_written()
    {
        var batch = new TelemetryBatch { IngestedAt = At, Logs = [FullLog(1), FullLog(2)], Metrics = [FullMetric(1), FullMetric(2)] };

        var read = TelemetryBatchFormat.Read(TelemetryBatchFormat.Write(batch));

        Assert.Equal(Json(batch), Json(read));
        Assert.Equal(At.Offset, read.IngestedAt.Offset);
        Assert.Equal(batch.Logs[0].Ts.Offset, read.Logs[0].Ts.Offset);
        Assert.Equal(batch.Metrics[1].Value, read.Metrics[1].Value);
    }

    [Theory]
    [InlineData(typeof(LogMessage))]
    [InlineData(typeof(MetricSample))]
    public void The_samples_set_every_property_so_a_new_one_the_format_misses_fails_the_round_trip(Type type)
    {
        object sample = type == typeof(LogMessage) ? FullLog(1) : FullMetric(1);
        var unset = type.GetProperties()
            .Where(p => p.CanWrite)
            .Where(p => p.GetValue(sample) is null or false || Equals(p.GetValue(sample), p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(unset);
    }

    [Fact]
    public void Missing_optional_values_stay_missing_and_no_labels_stay_apart_from_empty_labels()
    {
        var log = FullLog(3) with { Host = null, DeviceId = null, Meta = null, Msg = "" };
        var unlabelled = FullMetric(3) with { DeviceId = null, Labels = null, Value = double.NaN };
        var emptyLabels = FullMetric(4) with { Labels = [] };
        var batch = new TelemetryBatch { IngestedAt = At, Logs = [log], Metrics = [unlabelled, emptyLabels] };

        var read = TelemetryBatchFormat.Read(TelemetryBatchFormat.Write(batch));

        Assert.Null(read.Logs[0].Host);
        Assert.Null(read.Logs[0].Meta);
        Assert.Equal("", read.Logs[0].Msg);
        Assert.Null(read.Metrics[0].Labels);
        Assert.True(double.IsNaN(read.Metrics[0].Value));
        Assert.NotNull(read.Metrics[1].Labels);
        Assert.Empty(read.Metrics[1].Labels!);
    }

    [Fact]
    public void Only_batches_without_alerts_are_held_and_only_their_entries_are_recognised()
    {
        var logs = new TelemetryBatch { IngestedAt = At, Logs = [FullLog(1)] };
        var metrics = new TelemetryBatch { IngestedAt = At, Metrics = [FullMetric(1)] };
        var alert = new AlertMessage { TrackingId = "a", Ts = At, ShipId = "s", Fingerprint = "f", AlertName = "A", Domain = Domain.App, Service = "x", Severity = Severity.Low };

        Assert.True(TelemetryBatchFormat.Holds(logs));
        Assert.True(TelemetryBatchFormat.Holds(metrics));
        Assert.False(TelemetryBatchFormat.Holds(logs with { Alerts = [alert] }));
        Assert.False(TelemetryBatchFormat.Holds(new TelemetryBatch { IngestedAt = At }));
        Assert.Throws<ArgumentException>(() => TelemetryBatchFormat.Write(logs with { Alerts = [alert] }));
        Assert.True(TelemetryBatchFormat.IsTelemetryBatch(TelemetryBatchFormat.Write(logs)));
        Assert.False(TelemetryBatchFormat.IsTelemetryBatch(AlertBatchFormat.Write(new TelemetryBatch { IngestedAt = At, Alerts = [alert] })));
        Assert.False(AlertBatchFormat.IsAlertBatch(TelemetryBatchFormat.Write(logs)));
    }

    [Fact]
    public void Entries_the_journal_wrote_with_the_orleans_serializer_are_never_taken_for_telemetry_batches()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<TelemetryBatch>>();
        TelemetryBatch[] batches =
        [
            new() { IngestedAt = At },
            new() { IngestedAt = At, Logs = [FullLog(1)] },
            new() { IngestedAt = At, Metrics = [FullMetric(1)] },
            new() { IngestedAt = At, Logs = [FullLog(1)], Metrics = [FullMetric(2)] },
        ];

        foreach (var batch in batches)
        {
            var bytes = serializer.SerializeToArray(batch);
            Assert.False(TelemetryBatchFormat.IsTelemetryBatch(bytes));
            // The same batch read back through Orleans and through this format is the same batch.
            if (TelemetryBatchFormat.Holds(batch))
            {
                Assert.Equal(Json(serializer.Deserialize(bytes)!), Json(TelemetryBatchFormat.Read(TelemetryBatchFormat.Write(batch))));
            }
        }
    }

    [Fact]
    public void A_cut_or_padded_entry_fails_to_read_rather_than_reading_as_something_else()
    {
        var bytes = TelemetryBatchFormat.Write(new TelemetryBatch { IngestedAt = At, Logs = [FullLog(1), FullLog(2)], Metrics = [FullMetric(1)] });

        foreach (var length in new[] { 5, 20, bytes.Length / 2, bytes.Length - 1 })
        {
            Assert.Throws<InvalidDataException>(() => TelemetryBatchFormat.Read(bytes.AsSpan(0, length)));
        }

        Assert.Throws<InvalidDataException>(() => TelemetryBatchFormat.Read([.. bytes, 0]));
    }

    [Fact]
    public void A_corrupt_event_count_is_refused_before_it_allocates()
    {
        // Magic, an ingest time, then a count of 2^28 logs in a 19-byte entry.
        byte[] bytes = [.. "AJT1"u8, .. new byte[10], 0x80, 0x80, 0x80, 0x80, 0x01];

        var error = Assert.Throws<InvalidDataException>(() => TelemetryBatchFormat.Read(bytes));
        Assert.Contains("claims", error.Message, StringComparison.Ordinal);
    }
}
