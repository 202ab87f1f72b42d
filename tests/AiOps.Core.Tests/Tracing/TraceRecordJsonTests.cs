using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Tracing;

namespace AiOps.Core.Tests.Tracing;

public sealed class TraceRecordJsonTests
{
    private static readonly TraceRecord[] All =
    [
        new TraceRecord { TrackingId = "req-1", Status = "complete", Stages = [], IncidentId = null },
        new TraceRecord
        {
            TrackingId = "7f1c2a9e-5b1d-4c7e-9a0b-2f3e4d5c6b7a",
            Status = "complete",
            IncidentId = "INC-20261124-120000-9eac1fa1",
            Stages =
            [
                new TraceStage("ingested", Make.T0, "ok"),
                new TraceStage("detected", Make.T0.AddTicks(12_345_678), "anomaly"),
                new TraceStage("correlated", new DateTimeOffset(2026, 12, 6, 23, 59, 59, 999, TimeSpan.FromHours(2)), "joined"),
                new TraceStage("insight", Make.T0.AddSeconds(3), "fallback", "no model configured"),
            ],
        },
        // Text from senders is escaped as the serializer escapes it: quotes, control and non-ASCII characters, HTML.
        new TraceRecord
        {
            TrackingId = "id \"quoted\" <b>&</b> \u0001 \u00e9\u4e2d \ud83d\ude00",
            Status = "failed",
            Stages = [new TraceStage("detected", DateTimeOffset.MinValue, "error", "line\nbreak\ttab \\ slash")],
            IncidentId = "INC-\u00fc",
        },
    ];

    public static TheoryData<TraceRecord> Records => new(All);

    [Theory]
    [MemberData(nameof(Records))]
    public void A_trace_is_written_byte_for_byte_as_the_serializer_writes_it(TraceRecord record)
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(record, AiOpsJson.Options);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(TraceRecordJson.ToUtf8(record)));
    }

    [Fact]
    public void A_short_trace_after_a_long_one_holds_nothing_of_the_long_one()
    {
        _ = TraceRecordJson.ToUtf8(All[1]);

        var read = JsonSerializer.Deserialize<TraceRecord>(TraceRecordJson.ToUtf8(All[0]), AiOpsJson.Options)!;

        Assert.Equal("req-1", read.TrackingId);
        Assert.Empty(read.Stages);
    }
}
