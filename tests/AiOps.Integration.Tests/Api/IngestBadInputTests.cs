using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>Bad input gets a clear error naming the field, and nothing valid in the same batch is lost.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class IngestBadInputTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    [Theory]
    [InlineData("[{\"domain\":\"app\",", "not valid JSON")]
    [InlineData("{not json at all", "malformed JSON")]
    [InlineData("[]", "no events")]
    [InlineData("", "empty")]
    [InlineData("42", "JSON array of events or NDJSON")]
    public async Task An_unreadable_body_is_400_problem_details(string body, string detail)
    {
        using var response = await Host.PostRawAsync("/api/v3/ingest/logs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (await TestHost.GetJsonFromAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_types_and_unknown_fields_are_reported_per_item_while_valid_items_are_accepted()
    {
        var ship = Events.Ship("bad");
        var body = string.Join('\n',
            $$"""{"ship_id":"{{ship}}","domain":"app","service":"pos","level":"error","msg":"Payment terminal offline"}""",
            $$"""{"ship_id":"{{ship}}","domain":"app","service":"pos","level":"error","msg":"x","colour":"red"}""",
            $$"""{"ship_id":"{{ship}}","domain":"app","service":["pos"],"level":"error","msg":"x"}""",
            $$"""{"ship_id":"{{ship}}","domain":"app","service":"pos","level":"error","msg":"x","ts":"last tuesday"}""");

        using var response = await Host.PostRawAsync("/api/v3/ingest/logs", body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await TestHost.GetJsonFromAsync(response);
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(3, result.GetProperty("rejected").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Contains("colour", errors[0].GetProperty("error").GetString());
        Assert.Contains("'service'", errors[1].GetProperty("error").GetString());
        Assert.Contains("'ts'", errors[2].GetProperty("error").GetString());
        Assert.Single(await Host.IncidentsOfShipAsync(ship, 1));
    }

    [Fact]
    public async Task A_batch_with_no_valid_item_is_400_and_lists_every_error()
    {
        using var response = await Host.PostRawAsync("/api/v3/ingest/metrics",
            """[{"domain":"comms","service":"vsat","metric":"rf_snr_db","value":"low"},{"domain":"comms","service":"vsat"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestHost.GetJsonFromAsync(response);
        Assert.Contains("field 'value' must be a finite number", problem.GetProperty("detail").GetString());
        Assert.Equal(2, problem.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Invalid_utf8_in_one_ndjson_line_rejects_only_that_line()
    {
        var ship = Events.Ship("utf8");
        var good = Encoding.UTF8.GetBytes($$"""{"ship_id":"{{ship}}","domain":"app","service":"pos","level":"info","msg":"ok"}""" + "\n");
        var bad = Encoding.UTF8.GetBytes($$"""{"ship_id":"{{ship}}","domain":"app","service":"pos","level":"info","msg":"##"}""" + "\n");
        var marker = Array.IndexOf(bad, (byte)'#');
        bad[marker] = 0xFF;
        bad[marker + 1] = 0xFE;

        using var response = await Host.PostBytesAsync("/api/v3/ingest/logs", [.. good, .. bad, .. good], "application/x-ndjson");

        var result = await TestHost.GetJsonFromAsync(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("errors")[0].GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task A_body_over_the_policy_limit_is_413()
    {
        var line = """{"domain":"app","service":"pos","level":"info","msg":"padding padding padding padding padding padding"}""" + "\n";
        var body = new StringBuilder();
        while (body.Length <= 17 * 1024 * 1024)
        {
            body.Append(line);
        }

        using var response = await Host.PostRawAsync("/api/v3/ingest/logs", body.ToString(), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("max_body_bytes", (await TestHost.GetJsonFromAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_given_uuid_tracking_id_is_kept_and_a_missing_one_is_generated()
    {
        var uuid = Guid.NewGuid().ToString();
        using var response = await Host.PostRawAsync("/api/v3/ingest/logs",
            $$"""[{"tracking_id":"{{uuid}}","domain":"app","service":"pos","level":"info","msg":"a"},{"domain":"app","service":"pos","level":"info","msg":"b"}]""");

        var ids = (await TestHost.GetJsonFromAsync(response)).GetProperty("tracking_ids").EnumerateArray().Select(i => i.GetString()!).ToList();
        Assert.Equal(uuid, ids[0]);
        Assert.Matches("^req-\\d{8}-\\d{6}-[0-9a-f]{8}$", ids[1]);
        var trace = await TestHost.EventuallyAsync(async () =>
        {
            using var r = await Host.Http.GetAsync($"/api/v3/trace/{ids[1]}");
            return r.IsSuccessStatusCode ? await TestHost.GetJsonFromAsync(r) : (System.Text.Json.JsonElement?)null;
        }, "trace of the generated id");
        Assert.Equal("no_anomaly", trace!.Value.GetProperty("status").GetString());
    }

    private static byte[] Line(string ship, string msg, string? meta = null) => Encoding.UTF8.GetBytes(
        $$"""{"ship_id":"{{ship}}","domain":"app","service":"pos","level":"info","msg":"{{msg}}"{{(meta is null ? "" : $",\"meta\":{meta}")}}}""" + "\n");

    private static byte[] WithInvalidUtf8(byte[] text)
    {
        var marker = Array.IndexOf(text, (byte)'#');
        text[marker] = 0xFF;
        text[marker + 1] = 0xFE;
        return text;
    }

    // Async so that the request (and its content) is disposed only after it was sent.
    private async Task<HttpResponseMessage> PostEncodedAsync(string path, byte[] body, string encoding, bool chunked = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentEncoding.Add(encoding);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        return await Host.Http.SendAsync(request);
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(plain);
        }

        return output.ToArray();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The accepted items of a 202 reach processing: each tracking id gets a trace past detection.</summary>
    private async Task AssertProcessedAsync(JsonElement accepted)
    {
        foreach (var id in accepted.GetProperty("tracking_ids").EnumerateArray())
        {
            await Host.TraceAtStageAsync(id.GetString()!, "detected");
        }
    }

    [Fact]
    public async Task Invalid_utf8_inside_meta_rejects_only_that_item_naming_the_field_and_the_others_are_processed()
    {
        var ship = Events.Ship("meta8");
        var bad = WithInvalidUtf8(Line(ship, "bad", """{"note":"##"}"""));

        using var response = await Host.PostBytesAsync("/api/v3/ingest/logs",
            [.. Line(ship, "first", """{"note":"fine"}"""), .. bad, .. Line(ship, "third")], "application/x-ndjson");

        var result = await TestHost.GetJsonFromAsync(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal("field 'meta.note' is not valid UTF-8", error.GetProperty("error").GetString());
        await AssertProcessedAsync(result);
    }

    [Fact]
    public async Task A_meta_over_max_meta_bytes_rejects_only_that_item_naming_the_field_size_and_key()
    {
        var ship = Events.Ship("bigmeta");
        var meta = $$"""{"blob":"{{new string('x', 1_153_420)}}"}""";

        using var response = await Host.PostBytesAsync("/api/v3/ingest/logs",
            [.. Line(ship, "before"), .. Line(ship, "huge", meta), .. Line(ship, "after")], "application/x-ndjson");

        var result = await TestHost.GetJsonFromAsync(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal($"field 'meta' is {meta.Length} bytes, over ingest.yaml limits.max_meta_bytes 65536", error.GetProperty("error").GetString());
        await AssertProcessedAsync(result);
    }

    [Fact]
    public async Task Labels_over_a_limit_reject_only_that_sample_naming_the_label()
    {
        var ship = Events.Ship("labels");
        var body = $$$"""
            [{"ship_id":"{{{ship}}}","domain":"comms","service":"vsat","metric":"rf_snr_db","value":9,"labels":{"beam":"3"}},
             {"ship_id":"{{{ship}}}","domain":"comms","service":"vsat","metric":"rf_snr_db","value":9,"labels":{"beam":"{{{new string('b', 1_100_000)}}}"}}]
            """;

        using var response = await Host.PostRawAsync("/api/v3/ingest/metrics", body);

        var result = await TestHost.GetJsonFromAsync(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal("field 'labels.beam' is 1100000 bytes, over ingest.yaml limits.max_label_value_bytes 1024",
            Assert.Single(result.GetProperty("errors").EnumerateArray()).GetProperty("error").GetString());
        await AssertProcessedAsync(result);
    }

    [Fact]
    public async Task A_chunked_body_over_the_policy_limit_is_413()
    {
        var line = Encoding.UTF8.GetBytes("""{"domain":"app","service":"pos","level":"info","msg":"padding padding padding padding padding padding"}""" + "\n");
        var body = new byte[17 * 1024 * 1024];
        for (var at = 0; at + line.Length <= body.Length; at += line.Length)
        {
            line.CopyTo(body, at);
        }

        // Read over a raw socket while the body is still being sent: the host answers 413 part-way and closes, and
        // a client that only reads after its write finished may see its broken pipe instead of the answer.
        var answer = await EarlyAnswerHttp.PostChunkedAsync(Host.BaseAddress, "/api/v3/ingest/logs", "application/x-ndjson", body, TimeSpan.FromSeconds(60));

        Assert.True(answer.Status == HttpStatusCode.RequestEntityTooLarge, $"expected 413, got {(int)answer.Status}: {answer.Body}");
        Assert.StartsWith("application/problem+json", answer.Headers["Content-Type"]);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Contains("http.max_body_bytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_gzip_bomb_is_413_at_the_decoded_limit()
    {
        var plain = new byte[20 * 1024 * 1024];
        Array.Fill(plain, (byte)' ');
        var bomb = Gzip(plain);
        Assert.True(bomb.Length < 1024 * 1024);

        using var response = await PostEncodedAsync("/api/v3/ingest/logs", bomb, "gzip");

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("http.max_body_bytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_valid_gzip_body_is_accepted()
    {
        var ship = Events.Ship("gzip");

        using var response = await PostEncodedAsync("/api/v3/ingest/logs", Gzip([.. Line(ship, "one"), .. Line(ship, "two")]), "gzip", chunked: true);

        var result = await TestHost.GetJsonFromAsync(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task A_corrupt_gzip_body_is_400_naming_the_encoding()
    {
        var garbage = Encoding.UTF8.GetBytes("this was never gzip, whatever the header says");

        using var response = await PostEncodedAsync("/api/v3/ingest/logs", garbage, "gzip");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid gzip data (Content-Encoding: gzip)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_plain_body_labelled_br_is_400_naming_the_encoding()
    {
        using var response = await PostEncodedAsync("/api/v3/ingest/logs", Line(Events.Ship("br"), "not brotli"), "br");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid br data (Content-Encoding: br)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unsupported_content_encoding_is_415()
    {
        using var response = await PostEncodedAsync("/api/v3/ingest/metrics", Line(Events.Ship("zstd"), "x"), "zstd");

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Content-Encoding 'zstd' is not supported", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_2_mb_batch_of_10000_lines_from_one_service_is_accepted_and_every_part_is_processed()
    {
        var ship = Events.Ship("bulk");
        var lines = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            lines.Append($$"""{"ship_id":"{{ship}}","domain":"app","service":"pos","level":"info","msg":"checkout {{i}} completed for cabin 4711 on deck 9 in 120 ms, terminal 7, receipt {{Guid.NewGuid():N}}"}""").Append('\n');
        }

        Assert.InRange(lines.Length, 1_900_000, 2_500_000);

        using var response = await Host.PostRawAsync("/api/v3/ingest/logs", lines.ToString(), "application/x-ndjson");

        var result = await TestHost.GetJsonFromAsync(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(10_000, result.GetProperty("accepted").GetInt32());
        Assert.Equal(0, result.GetProperty("rejected").GetInt32());

        // The batch is split below the journal's entry size; every part reaches detection (the in-memory stream
        // used to refuse messages over about 1 MiB and lose the whole batch).
        var ids = result.GetProperty("tracking_ids").EnumerateArray().Select(t => t.GetString()!).ToList();
        foreach (var id in ids.Where((_, i) => i % 250 == 0).Append(ids[^1]))
        {
            await Host.TraceAtStageAsync(id, "detected");
        }
    }

    [Fact]
    public async Task Invalid_utf8_in_an_incident_comment_is_400_naming_comment()
    {
        var ship = Events.Ship("comment");
        using var _ = await Host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "security", "sshd", "warn", "Authentication failed for user crew7")]);
        var id = (await Host.IncidentsOfShipAsync(ship, 1))[0].GetProperty("incident_id").GetString()!;
        var content = new ByteArrayContent(WithInvalidUtf8(Encoding.UTF8.GetBytes("""{"status":"ack","comment":"##"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Host.Http.PatchAsync($"/api/v3/incidents/{id}", content);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("field 'comment' is not valid UTF-8", problem.GetProperty("detail").GetString());
        Assert.Equal("open", (await Host.GetJsonAsync($"/api/v3/incidents/{id}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/v3/actions/restart_service/execute", """{"ship_id":"ship-a","service":"pos","reason":"##"}""", "field 'reason' is not valid UTF-8")]
    [InlineData("/api/v3/approvals/exec-unknown/approve", """{"comment":"##"}""", "field 'comment' is not valid UTF-8")]
    [InlineData("/api/v3/approvals/exec-unknown/reject", """{"reason":"##"}""", "field 'reason' is not valid UTF-8")]
    public async Task Invalid_utf8_in_a_remediation_body_is_400_naming_the_field(string path, string body, string detail)
    {
        using var response = await Host.PostBytesAsync(path, WithInvalidUtf8(Encoding.UTF8.GetBytes(body)));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_corrupt_gzip_body_on_an_api_endpoint_is_400_too()
    {
        var garbage = Gzip("""{"comment":"x"}"""u8.ToArray());
        Array.Fill(garbage, (byte)0xFF, 10, garbage.Length - 10); // the gzip header, then a deflate block of a reserved type

        using var response = await PostEncodedAsync("/api/v3/approvals/exec-unknown/approve", garbage, "gzip");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid gzip data", problem.GetProperty("detail").GetString());
    }
}
