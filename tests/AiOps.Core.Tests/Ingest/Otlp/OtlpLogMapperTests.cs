using AiOps.Contracts;
using AiOps.Core.Ingest.Otlp;
using AiOps.Core.Ingest.Otlp.Proto;
using Google.Protobuf;
using static AiOps.Core.Tests.Ingest.Otlp.Otlp;

namespace AiOps.Core.Tests.Ingest.Otlp;

public sealed class OtlpLogMapperTests
{
    private static ExportLogsServiceRequest Request(Resource resource, params LogRecord[] records)
    {
        var scope = new ScopeLogs();
        scope.LogRecords.AddRange(records);
        var resourceLogs = new ResourceLogs { Resource = resource };
        resourceLogs.ScopeLogs.Add(scope);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(resourceLogs);
        return request;
    }

    private static LogRecord Record(string body, SeverityNumber severity = SeverityNumber.Error, string text = "") =>
        new() { Body = new AnyValue { StringValue = body }, SeverityNumber = severity, SeverityText = text };

    [Fact]
    public void Resource_attributes_name_ship_service_domain_host_and_device()
    {
        var at = Now.AddMinutes(-3);
        var record = Record("carrier lost");
        record.TimeUnixNano = Nanos(at);
        var batch = OtlpLogMapper.Map(Request(Resource(Attr("service.name", "vsat"), Attr("ship.id", "Viking Star"), Attr("aiops.domain", "comms"),
            Attr("host.name", "bridge-1"), Attr("device.id", "modem-7")), record), Defaults, Settings, 100);

        var log = Assert.Single(batch.Accepted);
        Assert.Equal("viking_star", log.ShipId);
        Assert.Equal("vsat", log.Service);
        Assert.Equal(Domain.Comms, log.Domain);
        Assert.Equal("bridge-1", log.Host);
        Assert.Equal("modem-7", log.DeviceId);
        Assert.Equal(MessageLevel.Error, log.Level);
        Assert.Equal("carrier lost", log.Msg);
        Assert.Equal(at, log.Ts);
        Assert.StartsWith("req-", log.TrackingId);
    }

    [Fact]
    public void Without_ship_or_service_the_installation_ship_and_the_default_service_are_taken()
    {
        var batch = OtlpLogMapper.Map(Request(new Resource(), Record("x")), Defaults, Settings, 100);

        var log = Assert.Single(batch.Accepted);
        Assert.Equal("ship-home", log.ShipId);
        Assert.Equal("unknown_service", log.Service);
        Assert.Equal(Domain.App, log.Domain);
        Assert.Equal(Now, log.Ts);
    }

    [Theory]
    [InlineData(SeverityNumber.Trace2, "", MessageLevel.Debug)]
    [InlineData(SeverityNumber.Info, "", MessageLevel.Info)]
    [InlineData(SeverityNumber.Warn4, "", MessageLevel.Warn)]
    [InlineData(SeverityNumber.Error, "Information", MessageLevel.Error)]
    [InlineData(SeverityNumber.Fatal, "", MessageLevel.Fatal)]
    [InlineData(SeverityNumber.Unspecified, "WARNING", MessageLevel.Warn)]
    [InlineData(SeverityNumber.Unspecified, "crit", MessageLevel.Fatal)]
    [InlineData(SeverityNumber.Unspecified, "Whatever", MessageLevel.Info)]
    [InlineData(SeverityNumber.Unspecified, "", MessageLevel.Info)]
    public void Severity_number_wins_over_text_and_unknown_text_is_info(SeverityNumber number, string text, MessageLevel expected)
    {
        Assert.Equal(expected, OtlpLogMapper.Level(Record("x", number, text)));
    }

    [Fact]
    public void Attributes_trace_ids_and_event_name_become_meta_and_the_tracking_id_attribute_is_kept_as_such()
    {
        var record = Record("payment failed");
        record.Attributes.Add(Attr("order.id", "A-17"));
        record.Attributes.Add(Attr("retries", 3));
        record.Attributes.Add(Attr("tracking_id", "otlp-1"));
        record.TraceId = ByteString.CopyFrom(Convert.FromHexString("5b8efff798038103d269b633813fc60c"));
        record.SpanId = ByteString.CopyFrom(Convert.FromHexString("eee19b7ec3c1b174"));
        record.EventName = "payment.failed";

        var log = Assert.Single(OtlpLogMapper.Map(Request(new Resource(), record), Defaults, Settings, 100).Accepted);

        Assert.Equal("otlp-1", log.TrackingId);
        Assert.Equal("""{"order.id":"A-17","retries":3,"trace_id":"5b8efff798038103d269b633813fc60c","span_id":"eee19b7ec3c1b174","event_name":"payment.failed"}""", log.Meta);
    }

    [Fact]
    public void A_structured_body_is_kept_as_json_and_a_record_without_body_or_event_name_is_rejected_by_place()
    {
        var structured = new LogRecord { SeverityNumber = SeverityNumber.Warn, Body = new AnyValue { KvlistValue = new KeyValueList { Values = { Attr("disk", "/var") } } } };
        var empty = new LogRecord { SeverityNumber = SeverityNumber.Warn };

        var batch = OtlpLogMapper.Map(Request(new Resource(), structured, empty, Record("fine")), Defaults, Settings, 100);

        Assert.Equal(["""{"disk":"/var"}""", "fine"], batch.Accepted.Select(l => l.Msg));
        var error = Assert.Single(batch.Errors);
        Assert.Equal(1, error.Index);
        Assert.StartsWith("resource_logs[0].scope_logs[0].log_records[1]: field 'body'", error.Error);
    }

    [Fact]
    public void Meta_over_the_ingest_limits_rejects_only_that_record_naming_the_limit()
    {
        var wide = Record("wide");
        for (var i = 0; i < 7; i++)
        {
            wide.Attributes.Add(Attr($"k{i}", "v"));
        }

        var deep = Record("deep");
        var array = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { IntValue = 1 } } } };
        deep.Attributes.Add(Nest("a", Nest("b", new KeyValue { Key = "c", Value = array })));

        var batch = OtlpLogMapper.Map(Request(new Resource(), wide, deep, Record("ok")), Defaults, Settings, 100);

        Assert.Equal("ok", Assert.Single(batch.Accepted).Msg);
        Assert.Contains("limits.max_meta_keys", batch.Errors[0].Error);
        Assert.Contains("limits.max_meta_depth", batch.Errors[1].Error);
    }

    private static KeyValue Nest(string key, KeyValue inner) =>
        new() { Key = key, Value = new AnyValue { KvlistValue = new KeyValueList { Values = { inner } } } };

    [Fact]
    public void A_bad_ship_attribute_rejects_that_resource_s_records_naming_the_attribute()
    {
        var request = Request(Resource(Attr("ship.id", "no/good/../\u0001")), Record("a"), Record("b"));
        request.ResourceLogs.Add(Request(Resource(Attr("service.name", "pos")), Record("c")).ResourceLogs[0]);

        var batch = OtlpLogMapper.Map(request, Defaults, Settings, 100);

        Assert.Equal("c", Assert.Single(batch.Accepted).Msg);
        Assert.Equal([0, 1], batch.Errors.Select(e => e.Index));
        Assert.Contains("resource attribute 'ship.id'", batch.Errors[0].Error);
    }

    [Fact]
    public void A_long_body_is_truncated_and_too_many_records_make_the_request_unreadable()
    {
        var batch = OtlpLogMapper.Map(Request(new Resource(), Record(new string('x', 500))), Defaults, Settings, 100);
        Assert.EndsWith("[truncated]", Assert.Single(batch.Accepted).Msg);

        var over = OtlpLogMapper.Map(Request(new Resource(), Record("a"), Record("b")), Defaults, Settings, 1);
        Assert.Contains("at most 1", over.Problem);
    }
}
