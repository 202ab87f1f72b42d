using System.Net;
using System.Text;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>Bad input gets a clear error naming the field, and nothing valid in the same batch is lost.</summary>
[Collection(SharedHostCollection.Name)]
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
}
