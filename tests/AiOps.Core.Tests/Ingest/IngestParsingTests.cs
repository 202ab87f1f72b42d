using System.Text;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Ingest;

namespace AiOps.Core.Tests.Ingest;

public sealed class IngestParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 18, 1, 5, 123, TimeSpan.Zero);
    private static readonly IngestDefaults Defaults = new("ship-home", Now, 64, 3);

    private static IngestBatch<LogMessage> Logs(string body) =>
        IngestBatchParser.Parse(Encoding.UTF8.GetBytes(body), Defaults, 1000, LogMessageParser.Parse);

    private static IngestBatch<MetricSample> Metrics(string body) =>
        IngestBatchParser.Parse(Encoding.UTF8.GetBytes(body), Defaults, 1000, MetricSampleParser.Parse);

    [Fact]
    public void Ndjson_items_fill_in_defaults_and_keep_a_given_tracking_id()
    {
        var batch = Logs("""
            {"domain":"comms","service":"vsat","level":"ERROR","msg":"carrier lost","tracking_id":"6f1c2a9e-3b7d-4c1e-9a2b-0c4d5e6f7a8b","ship_id":"Viking Star"}

            {"domain":"app","service":"db","level":"warning","msg":"slow","ts":"2026-11-24T17:00:00Z"}
            """);

        Assert.Null(batch.Problem);
        Assert.Empty(batch.Errors);
        Assert.Equal(2, batch.Accepted.Count);
        var first = batch.Accepted[0];
        Assert.Equal("6f1c2a9e-3b7d-4c1e-9a2b-0c4d5e6f7a8b", first.TrackingId);
        Assert.Equal("viking_star", first.ShipId);
        Assert.Equal(MessageLevel.Error, first.Level);
        Assert.Equal(Now, first.Ts);
        var second = batch.Accepted[1];
        Assert.Equal("ship-home", second.ShipId);
        Assert.Equal(MessageLevel.Warn, second.Level);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero), second.Ts);
        Assert.Matches("^req-20261124-180105-[0-9a-f]{8}$", second.TrackingId);
    }

    [Fact]
    public void A_json_array_is_read_item_by_item()
    {
        var batch = Metrics("""[{"domain":"comms","service":"vsat","metric":"rf_snr_db","value":4.5,"labels":{"beam":"3"}}, {"domain":"system","service":"host","metric":"cpu_pct","value":12}]""");

        Assert.Equal(2, batch.Accepted.Count);
        Assert.Equal(4.5, batch.Accepted[0].Value);
        Assert.Equal("3", batch.Accepted[0].Labels!["beam"]);
    }

    [Theory]
    [InlineData("""{"domain":"app","service":"db","level":"error","msg":"x","colour":"red"}""", "unknown field 'colour'")]
    [InlineData("""{"domain":"app","service":"db","level":"error"}""", "field 'msg' is required")]
    [InlineData("""{"domain":"sea","service":"db","level":"error","msg":"x"}""", "field 'domain' must be one of")]
    [InlineData("""{"domain":"app","service":42,"level":"error","msg":"x"}""", "field 'service' must be a string")]
    [InlineData("""{"domain":"app","service":"db","level":"error","msg":"x","ts":"yesterday"}""", "field 'ts' must be an ISO-8601 timestamp")]
    [InlineData("""{"domain":"app","service":"db","level":"error","msg":"x","meta":[1]}""", "field 'meta' must be an object")]
    [InlineData("""{"domain":"app","service":"db","level":"error","msg":"x","tracking_id":"has space"}""", "field 'tracking_id'")]
    [InlineData("""{"domain":"app","service":"db","level":"error","msg":"x","schema_version":"2.0"}""", "field 'schema_version' must be \"3.0\"")]
    [InlineData("""["not","an","object"]""", "must be a JSON object")]
    [InlineData("""{"domain":"app","service":"db","level":"error","msg":"x" """, "malformed JSON")]
    public void A_bad_log_item_is_rejected_with_the_field_named_and_the_good_ones_kept(string bad, string expected)
    {
        var good = """{"domain":"app","service":"db","level":"error","msg":"ok"}""";
        var batch = Logs($"{good}\n{bad}\n{good}");

        Assert.Null(batch.Problem);
        Assert.Equal(2, batch.Accepted.Count);
        var error = Assert.Single(batch.Errors);
        Assert.Equal(1, error.Index);
        Assert.Contains(expected, error.Error);
    }

    [Theory]
    [InlineData("""{"domain":"comms","service":"vsat","metric":"snr","value":"high"}""", "field 'value' must be a finite number")]
    [InlineData("""{"domain":"comms","service":"vsat","metric":"snr db","value":1}""", "field 'metric' must be a metric name")]
    [InlineData("""{"domain":"comms","service":"vsat","metric":"snr","value":1,"labels":{"a":1}}""", "field 'labels.a' must be a string")]
    [InlineData("""{"domain":"comms","service":"vsat","metric":"snr","value":1,"labels":{"a":"1","b":"2","c":"3","d":"4"}}""", "more than 3 entries")]
    [InlineData("""{"domain":"comms","service":"vsat","metric":"snr"}""", "field 'value' is required")]
    public void A_bad_metric_item_is_rejected_with_the_field_named(string bad, string expected)
    {
        var batch = Metrics(bad);

        Assert.Empty(batch.Accepted);
        Assert.Contains(expected, Assert.Single(batch.Errors).Error);
    }

    [Fact]
    public void Invalid_utf8_in_one_line_rejects_only_that_line()
    {
        var good = Encoding.UTF8.GetBytes("""{"domain":"app","service":"db","level":"error","msg":"ok"}""" + "\n");
        var bad = Encoding.UTF8.GetBytes("""{"domain":"app","service":"db","level":"error","msg":"bad ##"}""");
        var marker = Array.IndexOf(bad, (byte)'#');
        bad[marker] = 0xC3; // a lead byte followed by a non-continuation byte: invalid UTF-8
        bad[marker + 1] = 0x28;
        var body = good.Concat(bad).Concat("\n"u8.ToArray()).Concat(good).ToArray();

        var batch = IngestBatchParser.Parse(body, Defaults, 1000, LogMessageParser.Parse);

        Assert.Equal(2, batch.Accepted.Count);
        Assert.Equal(1, Assert.Single(batch.Errors).Index);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n ", "empty")]
    [InlineData("[]", "no events")]
    [InlineData("[{\"domain\":\"app\"", "not valid JSON")]
    [InlineData("hello", "JSON array of events or NDJSON")]
    public void An_unreadable_body_is_a_problem_for_the_whole_request(string body, string expected)
    {
        var batch = Logs(body);

        Assert.Empty(batch.Accepted);
        Assert.Contains(expected, batch.Problem);
    }

    [Fact]
    public void Too_many_items_is_a_problem_not_a_partial_accept()
    {
        var line = """{"domain":"app","service":"db","level":"error","msg":"x"}""" + "\n";
        var batch = IngestBatchParser.Parse(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 5))), Defaults, 4, LogMessageParser.Parse);

        Assert.Contains("at most 4", batch.Problem);
    }

    [Fact]
    public void A_long_message_is_truncated_and_marked_not_dropped()
    {
        var batch = Logs($$"""{"domain":"app","service":"db","level":"error","msg":"{{new string('x', 500)}}"}""");

        var message = Assert.Single(batch.Accepted).Msg;
        Assert.True(Encoding.UTF8.GetByteCount(message) <= 64);
        Assert.EndsWith("[truncated]", message);
    }

    [Fact]
    public void Syslog_level_names_are_understood()
    {
        Assert.Equal(MessageLevel.Fatal, Assert.Single(Logs("""{"domain":"net","service":"fw","level":"crit","msg":"x"}""").Accepted).Level);
        Assert.Equal(MessageLevel.Error, Assert.Single(Logs("""{"domain":"net","service":"fw","level":"err","msg":"x"}""").Accepted).Level);
    }

    [Fact]
    public void Generated_tracking_ids_have_the_req_format_and_differ()
    {
        var a = TrackingIds.New(Now);
        var b = TrackingIds.New(Now);

        Assert.Matches("^req-\\d{8}-\\d{6}-[0-9a-f]{8}$", a);
        Assert.Equal(4, a.Split('-').Length);
        Assert.NotEqual(a, b);
    }
}
