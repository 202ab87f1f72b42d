using System.Text;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Ingest;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Ingest;

public sealed class IngestParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 18, 1, 5, 123, TimeSpan.Zero);
    private static readonly IngestLimits Limits = new()
    {
        MaxMetaBytes = 200, MaxMetaKeys = 5, MaxMetaDepth = 3, MaxLabelNameBytes = 8, MaxLabelValueBytes = 16,
    };

    private static readonly IngestDefaults Defaults = new("ship-home", Now, 64, 3, Limits);

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

    private static IngestItemError RejectedLog(string meta)
    {
        var batch = Logs($$"""{"domain":"app","service":"db","level":"info","msg":"ok","meta":{{meta}}}""");
        Assert.Empty(batch.Accepted);
        return Assert.Single(batch.Errors);
    }

    [Fact]
    public void Meta_within_every_limit_is_kept_as_its_raw_json()
    {
        var meta = """{"a":1,"b":{"c":[1,"é"]},"e":null}""";

        var log = Assert.Single(Logs($$"""{"domain":"app","service":"db","level":"info","msg":"ok","meta":{{meta}}}""").Accepted);

        Assert.Equal(meta, log.Meta);
    }

    [Fact]
    public void Meta_over_max_meta_bytes_is_rejected_naming_the_field_its_size_and_the_key()
    {
        var meta = $$"""{"blob":"{{new string('x', 300)}}"}""";

        var error = RejectedLog(meta);

        Assert.Equal($"field 'meta' is {meta.Length} bytes, over ingest.yaml limits.max_meta_bytes 200", error.Error);
    }

    [Fact]
    public void Meta_with_more_than_max_meta_keys_at_any_level_is_rejected()
    {
        Assert.Empty(Logs("""{"domain":"app","service":"db","level":"info","msg":"ok","meta":{"a":1,"b":2,"c":{"d":3,"e":4}}}""").Errors);

        var error = RejectedLog("""{"a":1,"b":2,"c":{"d":3,"e":4,"f":5}}""");

        Assert.Equal("field 'meta' has 6 keys, over ingest.yaml limits.max_meta_keys 5", error.Error);
    }

    [Fact]
    public void Meta_nested_deeper_than_max_meta_depth_is_rejected()
    {
        Assert.Empty(Logs("""{"domain":"app","service":"db","level":"info","msg":"ok","meta":{"a":{"b":[1]}}}""").Errors);

        var error = RejectedLog("""{"a":{"b":[[1]]}}""");

        Assert.Equal("field 'meta' is nested 4 deep, over ingest.yaml limits.max_meta_depth 3", error.Error);
    }

    [Fact]
    public void Invalid_utf8_inside_meta_rejects_only_that_item_naming_the_key()
    {
        var good = Encoding.UTF8.GetBytes("""{"domain":"app","service":"db","level":"error","msg":"ok","meta":{"note":"fine"}}""" + "\n");
        var bad = Encoding.UTF8.GetBytes("""{"domain":"app","service":"db","level":"error","msg":"ok","meta":{"note":"##"}}""" + "\n");
        var marker = Array.IndexOf(bad, (byte)'#');
        bad[marker] = 0xFF;
        bad[marker + 1] = 0xFE;

        var batch = IngestBatchParser.Parse(good.Concat(bad).Concat(good).ToArray(), Defaults, 1000, LogMessageParser.Parse);

        Assert.Equal(2, batch.Accepted.Count);
        Assert.Equal("""{"note":"fine"}""", batch.Accepted[0].Meta);
        var error = Assert.Single(batch.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal("field 'meta.note' is not valid UTF-8", error.Error);
    }

    [Fact]
    public void An_unknown_field_whose_name_is_invalid_utf8_is_rejected_not_thrown()
    {
        var bad = Encoding.UTF8.GetBytes("""{"domain":"app","service":"db","level":"error","msg":"ok","##":1}""");
        var marker = Array.IndexOf(bad, (byte)'#');
        bad[marker] = 0xC3;
        bad[marker + 1] = 0x28;

        var batch = IngestBatchParser.Parse(bad, Defaults, 1000, LogMessageParser.Parse);

        Assert.Contains("not valid UTF-8", Assert.Single(batch.Errors).Error);
    }

    [Theory]
    [InlineData("""{"beam":"0123456789abcdefg"}""", "field 'labels.beam' is 17 bytes, over ingest.yaml limits.max_label_value_bytes 16")]
    [InlineData("""{"beam_number":"3"}""", "field 'labels' has a name of 11 bytes, over ingest.yaml limits.max_label_name_bytes 8")]
    [InlineData("""{"a":"1","b":"2","c":"3","d":"4"}""", "field 'labels' has more than 3 entries (ingest.yaml metrics.cardinality_limits.max_labels_per_metric)")]
    public void Labels_over_a_limit_are_rejected_naming_the_field_and_the_key(string labels, string expected)
    {
        var batch = Metrics($$"""{"domain":"comms","service":"vsat","metric":"snr","value":1,"labels":{{labels}}}""");

        Assert.Empty(batch.Accepted);
        Assert.Equal(expected, Assert.Single(batch.Errors).Error);
    }

    [Fact]
    public void Labels_at_the_limits_are_kept()
    {
        var batch = Metrics("""{"domain":"comms","service":"vsat","metric":"snr","value":1,"labels":{"beam1234":"0123456789abcdef","b":"2","c":"3"}}""");

        Assert.Equal("0123456789abcdef", Assert.Single(batch.Accepted).Labels!["beam1234"]);
    }

    [Fact]
    public void Json_utf8_check_names_the_path_of_the_first_bad_string()
    {
        var body = Encoding.UTF8.GetBytes("""{"status":"ack","comment":"##","list":["ok"]}""");
        var marker = Array.IndexOf(body, (byte)'#');
        body[marker] = 0xFF;
        body[marker + 1] = 0xFE;
        using var document = System.Text.Json.JsonDocument.Parse(body);
        using var fine = System.Text.Json.JsonDocument.Parse("""{"a":[{"b":"é"}]}""");

        Assert.Equal("comment", JsonUtf8.FirstInvalid(document.RootElement));
        Assert.Null(JsonUtf8.FirstInvalid(fine.RootElement));
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

    [Fact]
    public void A_million_ids_made_in_the_same_second_are_all_distinct()
    {
        // An alert storm makes this many within seconds; a repeated id would be taken for a redelivery and dropped.
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < 1_000_000; n++)
        {
            Assert.True(ids.Add(TrackingIds.New(Now)));
        }
    }
}
