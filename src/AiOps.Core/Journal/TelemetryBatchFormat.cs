using System.Buffers;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Storage;
using static AiOps.Core.Storage.CompactWriter;

namespace AiOps.Core.Journal;

/// <summary>
/// A journal entry of logs and metrics, in a compact format like <see cref="AlertBatchFormat"/>'s rather than the
/// Orleans serializer's, which tracked every string for reference equality: the entry is encoded on the request's
/// own path, before its events are handed over, so its cost is part of every event's latency. An entry starts with
/// <c>AJT1</c>, which an Orleans payload never starts with (see <see cref="AlertBatchFormat"/>), so entries written
/// before this format still replay.
/// </summary>
/// <remarks>
/// Layout (<see cref="CompactWriter"/>'s primitives): magic, ingest time, log count, each log's fields in a fixed
/// order, metric count, each metric's fields.
/// </remarks>
public static class TelemetryBatchFormat
{
    private static ReadOnlySpan<byte> Magic => "AJT1"u8;

    /// <summary>Whether the batch is one this format holds: logs or metrics, and no alerts.</summary>
    public static bool Holds(TelemetryBatch batch) => batch.Alerts.Count == 0 && batch.Count > 0;

    /// <summary>Whether a journal payload is in this format.</summary>
    public static bool IsTelemetryBatch(ReadOnlySpan<byte> payload) => payload.StartsWith(Magic);

    public static byte[] Write(TelemetryBatch batch)
    {
        if (!Holds(batch))
        {
            throw new ArgumentException("a telemetry batch entry holds logs and metrics, not alerts", nameof(batch));
        }

        var buffer = Start();
        buffer.Write(Magic);
        WriteTime(buffer, batch.IngestedAt);
        WriteCount(buffer, batch.Logs.Count);
        foreach (var log in batch.Logs)
        {
            WriteLog(buffer, log);
        }

        WriteCount(buffer, batch.Metrics.Count);
        foreach (var metric in batch.Metrics)
        {
            WriteMetric(buffer, metric);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static TelemetryBatch Read(ReadOnlySpan<byte> payload)
    {
        if (!IsTelemetryBatch(payload))
        {
            throw new InvalidDataException("not a telemetry batch entry");
        }

        var reader = new CompactReader(payload[Magic.Length..], "a telemetry batch entry");
        var ingestedAt = reader.Time();
        var logs = new LogMessage[CountWithin(ref reader, payload.Length)];
        for (var i = 0; i < logs.Length; i++)
        {
            logs[i] = ReadLog(ref reader);
        }

        var metrics = new MetricSample[CountWithin(ref reader, payload.Length)];
        for (var i = 0; i < metrics.Length; i++)
        {
            metrics[i] = ReadMetric(ref reader);
        }

        return reader.AtEnd
            ? new TelemetryBatch { IngestedAt = ingestedAt, Logs = logs, Metrics = metrics }
            : throw new InvalidDataException("a telemetry batch entry with bytes after its end");
    }

    /// <summary>A count of events, each at least a byte long: a corrupt one larger than the entry is refused before it allocates.</summary>
    private static int CountWithin(ref CompactReader reader, int entryBytes)
    {
        var count = reader.Count();
        return count <= entryBytes ? count : throw new InvalidDataException($"a telemetry batch entry of {entryBytes} bytes claims {count} events");
    }

    private static void WriteLog(ArrayBufferWriter<byte> buffer, LogMessage log)
    {
        Head.Of(log, log.Domain, log.Service).Write(buffer);
        WriteCount(buffer, (int)log.Level);
        WriteString(buffer, log.Msg);
        WriteString(buffer, log.Host);
        WriteString(buffer, log.DeviceId);
        WriteString(buffer, log.Meta);
    }

    private static LogMessage ReadLog(ref CompactReader reader)
    {
        var head = Head.Read(ref reader);
        return new LogMessage
        {
            SchemaVersion = head.SchemaVersion,
            TrackingId = head.TrackingId,
            Ts = head.Ts,
            ShipId = head.ShipId,
            Domain = head.Domain,
            Service = head.Service,
            Level = (MessageLevel)reader.Count(),
            Msg = reader.String()!,
            Host = reader.String(),
            DeviceId = reader.String(),
            Meta = reader.String(),
        };
    }

    private static void WriteMetric(ArrayBufferWriter<byte> buffer, MetricSample metric)
    {
        Head.Of(metric, metric.Domain, metric.Service).Write(buffer);
        WriteString(buffer, metric.Metric);
        WriteDouble(buffer, metric.Value);
        WriteString(buffer, metric.DeviceId);
        WriteOptionalStringMap(buffer, metric.Labels);
    }

    private static MetricSample ReadMetric(ref CompactReader reader)
    {
        var head = Head.Read(ref reader);
        return new MetricSample
        {
            SchemaVersion = head.SchemaVersion,
            TrackingId = head.TrackingId,
            Ts = head.Ts,
            ShipId = head.ShipId,
            Domain = head.Domain,
            Service = head.Service,
            Metric = reader.String()!,
            Value = reader.Double(),
            DeviceId = reader.String(),
            Labels = reader.OptionalStringMap(),
        };
    }

    /// <summary>What a log and a metric both start with, in this order.</summary>
    private readonly record struct Head(string SchemaVersion, string TrackingId, DateTimeOffset Ts, string ShipId, Domain Domain, string Service)
    {
        public static Head Of(BaseMessage message, Domain domain, string service) =>
            new(message.SchemaVersion, message.TrackingId, message.Ts, message.ShipId, domain, service);

        public static Head Read(ref CompactReader reader) =>
            new(reader.String()!, reader.String()!, reader.Time(), reader.String()!, (Domain)reader.Count(), reader.String()!);

        public void Write(ArrayBufferWriter<byte> buffer)
        {
            WriteString(buffer, SchemaVersion);
            WriteString(buffer, TrackingId);
            WriteTime(buffer, Ts);
            WriteString(buffer, ShipId);
            WriteCount(buffer, (int)Domain);
            WriteString(buffer, Service);
        }
    }
}
