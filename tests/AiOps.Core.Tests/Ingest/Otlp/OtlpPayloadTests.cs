using System.Text;
using AiOps.Core.Ingest.Otlp;
using AiOps.Core.Ingest.Otlp.Proto;
using Google.Protobuf;

namespace AiOps.Core.Tests.Ingest.Otlp;

public sealed class OtlpPayloadTests
{
    private const string Json = """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"pos"}}]},
          "scopeLogs":[{"scope":{"name":"x"},"logRecords":[{"timeUnixNano":"1764000000000000000","severityNumber":17,
            "severityText":"Error","body":{"stringValue":"card reader offline"},"traceId":"5b8efff798038103d269b633813fc60c",
            "spanId":"eee19b7ec3c1b174","attributes":[{"key":"n","value":{"intValue":"5"}}],"futureField":{"x":1}}]}]}]}
        """;

    [Fact]
    public void Otlp_json_with_hex_ids_string_int64s_and_unknown_fields_reads_as_the_protobuf_would()
    {
        var (request, problem) = OtlpPayload.Parse(Encoding.UTF8.GetBytes(Json), json: true, ExportLogsServiceRequest.Parser);

        Assert.Null(problem);
        var record = request!.ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        Assert.Equal("5b8efff798038103d269b633813fc60c", Convert.ToHexStringLower(record.TraceId.Span));
        Assert.Equal(SeverityNumber.Error, record.SeverityNumber);
        Assert.Equal(5, record.Attributes[0].Value.IntValue);
        Assert.Equal(1764000000000000000UL, record.TimeUnixNano);

        var (again, _) = OtlpPayload.Parse(request.ToByteArray(), json: false, ExportLogsServiceRequest.Parser);
        Assert.Equal(request, again);
    }

    [Theory]
    [InlineData(true, "{\"resourceLogs\":[{\"scopeLogs\":42}]}")]
    [InlineData(true, "not json")]
    [InlineData(false, "\u0008\u0096\u0001garbage")]
    public void An_unreadable_body_is_a_problem_naming_the_message(bool json, string body)
    {
        var (request, problem) = OtlpPayload.Parse(Encoding.Latin1.GetBytes(body), json, ExportLogsServiceRequest.Parser);

        Assert.Null(request);
        Assert.Contains("ExportLogsServiceRequest", problem);
    }

    [Fact]
    public void A_partial_success_answer_is_written_in_the_request_s_encoding()
    {
        var answer = new ExportLogsServiceResponse { PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = 2, ErrorMessage = "bad" } };

        Assert.Equal("""{ "partialSuccess": { "rejectedLogRecords": "2", "errorMessage": "bad" } }""", Encoding.UTF8.GetString(OtlpPayload.Write(answer, json: true)));
        Assert.Equal(answer, ExportLogsServiceResponse.Parser.ParseFrom(OtlpPayload.Write(answer, json: false)));
    }
}
