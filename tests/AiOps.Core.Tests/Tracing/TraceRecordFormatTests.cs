using AiOps.Contracts.Pipeline;
using AiOps.Core.Tracing;

namespace AiOps.Core.Tests.Tracing;

/// <summary>A trace in the compact format reads back as written, and a damaged one fails to read.</summary>
public sealed class TraceRecordFormatTests
{
    private static readonly TraceRecord Record = new()
    {
        TrackingId = "req-ü-1",
        Status = "complete",
        IncidentId = null,
        Stages =
        [
            new TraceStage("ingested", new DateTimeOffset(2026, 12, 7, 10, 0, 0, 123, TimeSpan.FromHours(3)).AddTicks(4567), "ok"),
            new TraceStage("enriched", Make.T0, "degraded", "enrichment failed: ß"),
        ],
    };

    [Fact]
    public void Every_field_comes_back_as_written_with_the_tracking_id_from_the_key()
    {
        var read = TraceRecordFormat.Read(Record.TrackingId, TraceRecordFormat.Write(Record));

        Assert.Equal(Record.TrackingId, read.TrackingId);
        Assert.Equal(Record.Status, read.Status);
        Assert.Null(read.IncidentId);
        Assert.Equal(Record.Stages, read.Stages);
        Assert.Equal(TimeSpan.FromHours(3), read.Stages[0].Ts.Offset);
    }

    [Fact]
    public void A_cut_or_extended_body_fails_to_read_and_a_json_body_is_not_taken_for_one()
    {
        var bytes = TraceRecordFormat.Write(Record with { IncidentId = "INC-1" }).ToArray();

        Assert.True(TraceRecordFormat.IsCompact(bytes));
        Assert.False(TraceRecordFormat.IsCompact(TraceRecordJson.ToUtf8(Record)));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => TraceRecordFormat.Read("id", bytes.AsSpan(0, length)));
        }

        Assert.Throws<InvalidDataException>(() => TraceRecordFormat.Read("id", [.. bytes, 0]));
    }
}
