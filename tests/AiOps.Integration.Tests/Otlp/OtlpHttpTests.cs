using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Otlp;

/// <summary>OTLP/HTTP bodies built by hand, as the Collector's otlphttp exporter sends them: JSON, gzip, partial success, bad input.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class OtlpHttpTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    private static string LogsJson(string ship, string trackingId, string secondRecord) => """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"engine"}},
            {"key":"ship.id","value":{"stringValue":"SHIP"}},{"key":"aiops.domain","value":{"stringValue":"system"}}]},
          "scopeLogs":[{"scope":{"name":"collector"},"logRecords":[
            {"timeUnixNano":"NOW","severityNumber":17,"severityText":"ERROR",
             "body":{"stringValue":"Cooling pump 2 failed"},"traceId":"5b8efff798038103d269b633813fc60c",
             "attributes":[{"key":"tracking_id","value":{"stringValue":"TRACKING"}},{"key":"pump","value":{"intValue":"2"}}]},
            SECOND]}]}]}
        """.Replace("SHIP", ship).Replace("TRACKING", trackingId).Replace("NOW", NowNanos()).Replace("SECOND", secondRecord);

    private static string NowNanos() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Otlp_json_keeps_the_valid_record_and_answers_partial_success_naming_the_bad_one()
    {
        var ship = Events.Ship("otlpj");
        var trackingId = $"otlp-json-{Guid.NewGuid():N}";

        using var response = await Host.PostRawAsync("/v1/logs", LogsJson(ship, trackingId, """{"severityNumber":13}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var partial = (await TestHost.GetJsonFromAsync(response)).GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedLogRecords").GetString());
        Assert.Contains("log_records[1]: field 'body'", partial.GetProperty("errorMessage").GetString());
        var incident = (await Host.IncidentsOfShipAsync(ship, 1)).Single();
        var trace = await Host.TraceAtStageAsync(trackingId, "correlated");
        Assert.Equal(incident.GetProperty("incident_id").GetString(), trace.GetProperty("incident_id").GetString());
    }

    [Fact]
    public async Task A_gzip_metrics_body_is_decoded_and_its_points_reach_the_fast_path()
    {
        var trackingId = $"otlp-gz-{Guid.NewGuid():N}";
        var json = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"vsat"}}]},
              "scopeMetrics":[{"metrics":[{"name":"rf.snr_db","unit":"dB","gauge":{"dataPoints":[
                {"asDouble":11.5,"timeUnixNano":"NOW","attributes":[{"key":"tracking_id","value":{"stringValue":"TRACKING"}}]}]}}]}]}]}
            """.Replace("TRACKING", trackingId).Replace("NOW", NowNanos());
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        using var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await Host.Http.PostAsync("/v1/metrics", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{ }", await response.Content.ReadAsStringAsync());
        await Host.TraceAtStageAsync(trackingId, "ingested");
    }

    [Fact]
    public async Task A_protobuf_answer_is_protobuf_and_an_empty_request_is_accepted()
    {
        using var response = await Host.PostBytesAsync("/v1/logs", [], "application/x-protobuf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync()); // an ExportLogsServiceResponse with nothing rejected
    }

    [Theory]
    [InlineData("/v1/logs", "application/x-protobuf", "\u0008\u0096\u0001garbage", "ExportLogsServiceRequest")]
    [InlineData("/v1/metrics", "application/json", "{\"resourceMetrics\":7}", "ExportMetricsServiceRequest")]
    [InlineData("/v1/metrics", "application/json", """{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"x","gauge":{"dataPoints":[{}]}}]}]}]}""", "field 'value' is required")]
    public async Task An_unreadable_body_or_one_with_no_valid_record_is_400_problem_details_naming_the_field(string path, string type, string body, string named)
    {
        using var response = await Host.PostBytesAsync(path, Encoding.Latin1.GetBytes(body), type);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, (await TestHost.GetJsonFromAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_content_type_is_415()
    {
        using var response = await Host.PostRawAsync("/v1/logs", "{}", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
