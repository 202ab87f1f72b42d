using System.Text;
using AiOps.Contracts.Messages;
using AiOps.Core.Alerts;
using AiOps.Core.Ingest;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Alerts;

/// <summary>
/// How an alert's JSON is read: escapes, fields the parser does not know, repeated fields, wrong types, broken
/// JSON and limits, each with the error text senders see.
/// </summary>
public sealed class AlertJsonReadingTests
{
    private const string NotJson = "the alert is not valid JSON: ";
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly IngestDefaults Shipped = IngestDefaults.From(TestPolicies.Shipped.Ingest, "ship-home", Now);

    private static readonly IngestDefaults Tight = new("ship-home", Now, 40, 20, new IngestLimits
    {
        MaxMetaBytes = 200, MaxMetaKeys = 3, MaxMetaDepth = 3, MaxLabelNameBytes = 10, MaxLabelValueBytes = 12,
    });

    private static AlertMessage Parse(string json, IngestDefaults? defaults = null) =>
        AlertmanagerAlertParser.Parse(Encoding.UTF8.GetBytes(json), defaults ?? Shipped, TestPolicies.Shipped.Ingest.Alerts);

    private static string Error(string json, IngestDefaults? defaults = null) =>
        Assert.Throws<InvalidItemException>(() => Parse(json, defaults)).Message;

    [Fact]
    public void Escaped_names_and_values_are_decoded()
    {
        var alert = Parse("""
            {"\u006cabels":{"alert\u006eame":"Link\u0044own","k\"q":"a\\b\u00e9"},"\u0073tartsAt":"2026-12-05T01:59:00\u005a",
             "annot\u0061tions":{"s\u0075mmary":"\ud83d\ude80 up"},"generator\u0055RL":"http:\/\/p\/graph"}
            """);

        Assert.Equal("LinkDown", alert.AlertName);
        Assert.Equal("a\\bé", alert.Labels["k\"q"]);
        Assert.Equal("🚀 up", alert.Annotations["summary"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 1, 59, 0, TimeSpan.Zero), alert.StartsAt);
        Assert.Equal("http://p/graph", alert.GeneratorUrl);
    }

    [Fact]
    public void Unknown_fields_are_skipped_however_nested_even_when_they_hold_alert_fields()
    {
        var alert = Parse("""
            {"receivers":[{"labels":{"alertname":"Nested"}},[[]],"x"],"status":{"labels":{"alertname":"Nested"},"endsAt":"bad"},
             "labels":{"alertname":"Top"},"n":1.5e3,"b":true,"nil":null,"s":"labels","LABELS":7}
            """);

        Assert.Equal("Top", alert.AlertName);
        Assert.Null(alert.EndsAt);
    }

    [Fact]
    public void A_field_given_twice_takes_its_last_value_and_an_error_in_an_earlier_copy_does_not_count()
    {
        Assert.Equal("Second", Parse("""{"labels":{"alertname":"First"},"labels":{"alertname":"Second"}}""").AlertName);
        Assert.Equal("X", Parse("""{"labels":{"n":1},"labels":{"alertname":"X"}}""").AlertName);
        Assert.Equal("X", Parse("""{"labels":[],"\u006cabels":{"alertname":"X"}}""").AlertName);
        Assert.Null(Parse("""{"labels":{"alertname":"X"},"endsAt":"bad","endsAt":null}""").EndsAt);
        Assert.Equal("field 'labels' is required", Error("""{"labels":{"alertname":"X"},"labels":null}"""));
        Assert.Equal("field 'endsAt' must be an RFC 3339 timestamp", Error("""{"labels":{"alertname":"X"},"endsAt":null,"endsAt":{}}"""));
    }

    [Fact]
    public void A_label_given_twice_keeps_its_last_value_as_in_a_go_map()
    {
        var alert = Parse("""{"labels":{"alertname":"A","severity":"info","alertname":"B"},"annotations":{"s":"1","s":"2"}}""");

        Assert.Equal("B", alert.AlertName);
        Assert.Equal(new[] { "alertname", "severity" }, alert.Labels.Keys);
        Assert.Equal("2", alert.Annotations["s"]);
    }

    [Theory]
    [InlineData("""{"annotations":{}}""")]
    [InlineData("""{"labels":null}""")]
    [InlineData("""{}""")]
    public void Labels_missing_or_null_are_required(string json) =>
        Assert.Equal("field 'labels' is required", Error(json));

    [Theory]
    [InlineData("""{"labels":{"alertname":"X"}}""")]
    [InlineData("""{"labels":{"alertname":"X"},"annotations":null,"startsAt":null,"endsAt":null,"generatorURL":null}""")]
    public void Optional_fields_missing_or_null_are_empty(string json)
    {
        var alert = Parse(json);

        Assert.Empty(alert.Annotations);
        Assert.Equal((null, null, null), (alert.StartsAt, alert.EndsAt, alert.GeneratorUrl));
    }

    [Theory]
    [InlineData("""[{"labels":{"alertname":"X"}}]""", "an alert must be a JSON object with 'labels'")]
    [InlineData("\"alert\"", "an alert must be a JSON object with 'labels'")]
    [InlineData("null", "an alert must be a JSON object with 'labels'")]
    [InlineData("""{"labels":[]}""", "field 'labels' must be an object of strings")]
    [InlineData("""{"labels":"alertname=X"}""", "field 'labels' must be an object of strings")]
    [InlineData("""{"labels":{"alertname":"X","n":1}}""", "field 'labels.n' must be a string")]
    [InlineData("""{"labels":{"alertname":"X","n":null}}""", "field 'labels.n' must be a string")]
    [InlineData("""{"labels":{"alertname":"X","n":{"a":"b"}}}""", "field 'labels.n' must be a string")]
    [InlineData("""{"labels":{"alertname":"X","n":["b"]}}""", "field 'labels.n' must be a string")]
    [InlineData("""{"labels":{"alertname":"X","\u006e":1}}""", "field 'labels.n' must be a string")]
    [InlineData("""{"labels":{"alertname":"X"},"annotations":true}""", "field 'annotations' must be an object of strings")]
    [InlineData("""{"labels":{"alertname":"X"},"annotations":{"a":false}}""", "field 'annotations.a' must be a string")]
    [InlineData("""{"labels":{"severity":"info"}}""", "field 'labels.alertname' is required")]
    [InlineData("""{"labels":{"alertname":" "}}""", "field 'labels.alertname' is required")]
    [InlineData("""{"labels":{"alertname":"X"},"startsAt":1733364000}""", "field 'startsAt' must be an RFC 3339 timestamp")]
    [InlineData("""{"labels":{"alertname":"X"},"startsAt":"yesterday"}""", "field 'startsAt' must be an RFC 3339 timestamp")]
    [InlineData("""{"labels":{"alertname":"X"},"endsAt":["2026-12-05T02:00:00Z"]}""", "field 'endsAt' must be an RFC 3339 timestamp")]
    [InlineData("""{"labels":{"alertname":"X"},"endsAt":{"t":"2026-12-05T02:00:00Z"}}""", "field 'endsAt' must be an RFC 3339 timestamp")]
    public void A_field_of_the_wrong_type_is_refused_by_name(string json, string message) =>
        Assert.Equal(message, Error(json));

    [Theory]
    [InlineData("""{"labels":{"alertname":"X"},"generatorURL":5}""")]
    [InlineData("""{"labels":{"alertname":"X"},"generatorURL":{"href":"http://p"}}""")]
    [InlineData("""{"labels":{"alertname":"X"},"generatorURL":["http://p"]}""")]
    [InlineData("""{"labels":{"alertname":"X"},"generatorURL":"  "}""")]
    public void A_generator_url_that_is_not_a_string_is_ignored(string json) =>
        Assert.Null(Parse(json).GeneratorUrl);

    [Fact]
    public void Errors_come_in_a_fixed_order_wherever_the_sender_put_the_fields()
    {
        Assert.Equal("field 'labels.n' must be a string", Error("""{"annotations":{"a":1},"endsAt":"bad","labels":{"n":1}}"""));
        Assert.Equal("field 'annotations.a' must be a string", Error("""{"endsAt":"bad","annotations":{"a":1},"labels":{"alertname":"X"}}"""));
        Assert.Equal("field 'labels.alertname' is required", Error("""{"endsAt":"bad","labels":{}}"""));
        Assert.Equal("field 'startsAt' must be an RFC 3339 timestamp", Error("""{"endsAt":"bad","startsAt":"bad","labels":{"alertname":"X"}}"""));
    }

    [Fact]
    public void Invalid_json_anywhere_in_the_alert_is_reported_before_any_field()
    {
        Assert.StartsWith(NotJson, Error("""{"labels":{"n":1},"x":tru}"""));
        Assert.StartsWith(NotJson, Error("""{"labels":{"alertname":"X","n":1},"annotations":{"a":"b"}"""));
    }

    [Fact]
    public void Every_truncation_of_an_alert_is_invalid_json()
    {
        const string json = """{"labels":{"alertname":"X","job":"j"},"annotations":{"s":"t"},"x":[{"y":null}],"endsAt":"2026-12-05T02:00:00Z"}""";
        Assert.Equal("X", Parse(json).AlertName);
        for (var length = 0; length < json.Length; length++)
        {
            Assert.StartsWith(NotJson, Error(json[..length]));
        }
    }

    [Fact]
    public void Nesting_deeper_than_eight_is_invalid_json()
    {
        Assert.Equal("X", Parse("""{"labels":{"alertname":"X"},"x":[[[[[[[]]]]]]]}""").AlertName);

        var message = Error("""{"labels":{"alertname":"X"},"x":[[[[[[[[]]]]]]]]}""");
        Assert.StartsWith(NotJson, message);
        Assert.Contains("maximum configured depth of 8", message);
    }

    [Fact]
    public void Whitespace_between_tokens_and_text_after_the_alert_are_allowed()
    {
        var alert = Parse(" \t\r\n{ \"labels\" :\r\n\t{ \"alertname\" : \"X\" } ,\n\"endsAt\"\t:\t\"2026-12-05T01:00:00Z\" }\r\n ");

        Assert.Equal("X", alert.AlertName);
        Assert.True(alert.Resolved);
        // The alert is one JSON value; as before, what follows it is not read (the body splitter cut it out).
        Assert.Equal("X", Parse("""{"labels":{"alertname":"X"}} trailing""").AlertName);
    }

    [Fact]
    public void Go_zero_time_means_not_set()
    {
        var alert = Parse("""{"labels":{"alertname":"X"},"startsAt":"0001-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z"}""");

        Assert.Equal((null, null), (alert.StartsAt, alert.EndsAt));
        Assert.False(alert.Resolved);
    }

    [Fact]
    public void Times_are_kept_in_utc()
    {
        var alert = Parse("""{"labels":{"alertname":"X"},"endsAt":"2026-12-05T05:30:00+05:00"}""");

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 30, 0, TimeSpan.Zero), alert.EndsAt);
        Assert.Equal(TimeSpan.Zero, alert.EndsAt!.Value.Offset);
        Assert.True(alert.Resolved);
    }

    [Fact]
    public void Label_names_and_values_are_measured_in_utf8_bytes_after_unescaping()
    {
        // é is 2 bytes in UTF-8 and 6 as the escape \u00e9: limits count the decoded text.
        var fits = Parse("""{"labels":{"alertname":"X","\u00e9\u00e9\u00e9\u00e9\u00e9":"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"}}""", Tight);
        Assert.Equal("éééééé", fits.Labels["ééééé"]);

        Assert.Equal("field 'labels' has a name longer than 10 bytes (ingest.yaml limits.max_label_name_bytes)",
            Error("""{"labels":{"alertname":"X","éééééé":"v"}}""", Tight));
        Assert.Equal("field 'labels' has a name longer than 10 bytes (ingest.yaml limits.max_label_name_bytes)",
            Error("""{"labels":{"alertname":"X","\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9":"v"}}""", Tight));
        Assert.Equal("field 'labels.v' is longer than 12 bytes (ingest.yaml limits.max_label_value_bytes)",
            Error("""{"labels":{"alertname":"X","v":"ééééééé"}}""", Tight));
        Assert.Equal("field 'labels.v' is longer than 12 bytes (ingest.yaml limits.max_label_value_bytes)",
            Error("""{"labels":{"alertname":"X","v":"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"}}""", Tight));
    }

    [Fact]
    public void Labels_and_annotations_hold_at_most_max_meta_keys_entries()
    {
        Assert.Equal(3, Parse("""{"labels":{"alertname":"X","a":"1","b":"2"}}""", Tight).Labels.Count);
        Assert.Equal("field 'labels' has more than 3 entries (ingest.yaml limits.max_meta_keys)",
            Error("""{"labels":{"alertname":"X","a":"1","b":"2","c":"3"}}""", Tight));
        Assert.Equal("field 'annotations' has more than 3 entries (ingest.yaml limits.max_meta_keys)",
            Error("""{"labels":{"alertname":"X"},"annotations":{"a":"1","b":"2","c":"3","d":"4"}}""", Tight));
        // The value of the entry too many is still checked first.
        Assert.Equal("field 'labels.c' must be a string", Error("""{"labels":{"alertname":"X","a":"1","b":"2","c":3}}""", Tight));
    }

    [Fact]
    public void Annotations_are_prose_cut_like_a_log_message_not_refused()
    {
        var alert = Parse("""{"labels":{"alertname":"X"},"annotations":{"summary":"a very long description of what went wrong on board","empty":""}}""", Tight);

        Assert.EndsWith(" …[truncated]", alert.Annotations["summary"]);
        Assert.True(Encoding.UTF8.GetByteCount(alert.Annotations["summary"]) <= Tight.MaxMsgBytes);
        Assert.Equal("", alert.Annotations["empty"]);
    }

    [Theory]
    [InlineData("""{"labels":{"alertname":"A","k":"\ud800"}}""", "labels")]
    [InlineData("""{"labels":{"alertname":"A","\udc00":"v"}}""", "labels")]
    [InlineData("""{"labels":{"alertname":"A"},"annotations":{"summary":"\ud83d"}}""", "annotations")]
    [InlineData("""{"labels":{"alertname":"A"},"startsAt":"2026-12-05T01:59:00\udc00"}""", "startsAt")]
    [InlineData("""{"labels":{"alertname":"A"},"generatorURL":"http://p/\ud800"}""", "generatorURL")]
    public void Text_that_does_not_decode_rejects_the_alert_naming_its_field(string json, string field)
    {
        Assert.Equal($"field '{field}' is not valid UTF-8", Error(json));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_reject_only_their_alert_and_the_rest_of_the_request_is_kept()
    {
        var body = new List<byte>();
        body.AddRange(Encoding.UTF8.GetBytes("""[{"labels":{"alertname":"Good"}},{"labels":{"alertname":"Bad","k":" """));
        body.AddRange([0xC3, 0x28]); // a two-byte lead followed by a byte that cannot continue it
        body.AddRange(Encoding.UTF8.GetBytes("""  "}},{"labels":{"alertname":"AlsoGood"}}]"""));

        var batch = IngestBatchParser.Parse(body.ToArray(), Shipped, 100,
            (json, defaults) => AlertmanagerAlertParser.Parse(json, defaults, TestPolicies.Shipped.Ingest.Alerts));

        Assert.Equal(["Good", "AlsoGood"], batch.Accepted.Select(a => a.AlertName));
        var error = Assert.Single(batch.Errors);
        Assert.Equal(1, error.Index);
        Assert.Contains("labels", error.Error);
    }
}
