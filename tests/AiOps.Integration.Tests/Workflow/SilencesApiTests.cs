using System.Net;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Workflow;

/// <summary>Silences through the real host: what they silence, what they count, who may set them, and that they last.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class SilencesApiTests
{
    private static ApiKeys Keys() => new ApiKeys().Add("vera", "viewer").Add("erik", "engineer").Add("vector", "ingest");

    [Fact]
    public async Task A_silence_keeps_matching_anomalies_from_opening_incidents_and_counts_them_until_it_is_expired()
    {
        var keys = Keys();
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        using var erik = keys.ClientOf(host, "erik");
        using var vector = keys.ClientOf(host, "vector");
        var ship = Events.Ship("silence");

        using var created = await erik.PostAsync("/api/v3/silences", Json($$"""
            {"matchers":[{"name":"ship_id","value":"{{ship}}","is_regex":false,"is_equal":true},{"name":"service","value":"vsat-.*","is_regex":true}],
             "ends_at":"{{DateTimeOffset.UtcNow.AddHours(2):O}}","comment":"planned VSAT maintenance"}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var silence = await TestHost.GetJsonFromAsync(created);
        var silenceId = silence.GetProperty("silence_id").GetString()!;
        Assert.Equal("erik", silence.GetProperty("created_by").GetString());
        Assert.Equal("active", silence.GetProperty("state").GetString());
        Assert.Equal($"/api/v3/silences/{silenceId}", created.Headers.Location?.ToString());

        var silencedId = $"sil-{Guid.NewGuid():N}";
        await PostLogAsync(vector, ship, "vsat-modem", "Carrier lost on modem", silencedId);
        await PostLogAsync(vector, ship, "pms-db", "Database connection timeout after 30s", null);

        using var reader = keys.ClientOf(host, "vera");
        var opened = await TestHost.EventuallyAsync(async () => (await IncidentsAsync(reader, ship)) is { Length: > 0 } list ? list : null, "the unsilenced incident");
        var trace = await TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            using var response = await reader.GetAsync($"/api/v3/trace/{silencedId}");
            return response.IsSuccessStatusCode ? await TestHost.GetJsonFromAsync(response) : null;
        }, "the silenced anomaly's trace");
        Assert.Equal("silenced", trace!.Value.GetProperty("status").GetString());
        Assert.All(opened, i => Assert.DoesNotContain(i.GetProperty("scope").EnumerateArray(), s => s.GetProperty("service").GetString() == "vsat-modem"));

        var counted = await TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            var current = JsonDocument.Parse(await reader.GetStringAsync($"/api/v3/silences/{silenceId}")).RootElement.Clone();
            return current.GetProperty("matched_count").GetInt64() >= 1 ? current : null;
        }, "the silence's matched count", timeoutMs: 30000);
        Assert.Equal(1, counted!.Value.GetProperty("matched_count").GetInt64());
        var stats = JsonDocument.Parse(await reader.GetStringAsync("/api/v3/stats?time_range=1h")).RootElement;
        Assert.True(stats.GetProperty("counts").GetProperty("silenced").GetInt64() >= 1);
        var listed = JsonDocument.Parse(await reader.GetStringAsync("/api/v3/silences")).RootElement;
        Assert.Contains(listed.GetProperty("data").EnumerateArray(), s => s.GetProperty("silence_id").GetString() == silenceId);

        using var expired = await erik.DeleteAsync($"/api/v3/silences/{silenceId}");
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal("expired", (await TestHost.GetJsonFromAsync(expired)).GetProperty("state").GetString());
        await PostLogAsync(vector, ship, "vsat-modem", "Carrier lost on modem", null);
        await TestHost.EventuallyAsync(async () => (await IncidentsAsync(reader, ship)).Any(i =>
            i.GetProperty("scope").EnumerateArray().Any(s => s.GetProperty("service").GetString() == "vsat-modem")) ? "yes" : null, "an incident once the silence expired");

        var audit = JsonDocument.Parse(await erik.GetStringAsync($"/api/v3/audit?resource=silence:{silenceId}")).RootElement.GetRawText();
        Assert.Contains("silence_create", audit);
        Assert.Contains("silence_expire", audit);
    }

    [Fact]
    public async Task Bad_silences_are_refused_naming_the_field_and_a_viewer_may_only_read()
    {
        var keys = Keys();
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        using var erik = keys.ClientOf(host, "erik");
        var endsAt = DateTimeOffset.UtcNow.AddHours(1).ToString("O");

        foreach (var (body, field) in new[]
                 {
                     ($$"""{"matchers":[{"name":"ship id","value":"x"}],"ends_at":"{{endsAt}}"}""", "matchers[0].name"),
                     ($$"""{"matchers":[{"name":"service","value":"(","is_regex":true}],"ends_at":"{{endsAt}}"}""", "matchers[0].value"),
                     ($$"""{"matchers":[{"name":"service","value":".*","is_regex":true}],"ends_at":"{{endsAt}}"}""", "does not match the empty string"),
                     ("""{"matchers":[{"name":"service","value":"a"}]}""", "ends_at"),
                     ($$"""{"matchers":[{"name":"service","value":"a"}],"ends_at":"{{endsAt}}","created_by":"mallory"}""", "created_by"),
                     ($$"""{"matchers":[{"name":"service","value":"a"}],"starts_at":"{{endsAt}}","ends_at":"{{endsAt}}"}""", "ends_at"),
                 })
        {
            using var response = await erik.PostAsync("/api/v3/silences", Json(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await TestHost.GetJsonFromAsync(response)).GetProperty("detail").GetString());
        }

        using var viewer = keys.ClientOf(host, "vera");
        using var denied = await viewer.PostAsync("/api/v3/silences", Json($$"""{"matchers":[{"name":"service","value":"a"}],"ends_at":"{{endsAt}}"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var unknown = await viewer.GetAsync("/api/v3/silences/sil-unknown");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_silence_outlives_a_restart_and_still_silences()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "aiops-test-" + Guid.NewGuid().ToString("N"));
        var ship = Events.Ship("silence-restart");
        string silenceId;
        await using (var first = await TestHost.StartAsync(dataDirectory))
        {
            using var created = await first.PostRawAsync("/api/v3/silences", $$"""
                {"matchers":[{"name":"ship_id","value":"{{ship}}"}],"ends_at":"{{DateTimeOffset.UtcNow.AddHours(2):O}}"}
                """);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            silenceId = (await TestHost.GetJsonFromAsync(created)).GetProperty("silence_id").GetString()!;
        }

        await using var second = await TestHost.StartAsync(dataDirectory);
        var silence = await second.GetJsonAsync($"/api/v3/silences/{silenceId}");
        Assert.Equal("active", silence.GetProperty("state").GetString());
        var trackingId = $"sil-{Guid.NewGuid():N}";
        await PostLogAsync(second.Http, ship, "pms-db", "Database connection timeout after 30s", trackingId);
        var trace = await second.TraceAtStageAsync(trackingId, "correlated");
        Assert.Equal("silenced", trace.GetProperty("status").GetString());
        Assert.Equal(0, (await second.GetJsonAsync($"/api/v3/incidents?ship_id={ship}")).GetProperty("total").GetInt32());
    }

    private static async Task PostLogAsync(HttpClient client, string ship, string service, string msg, string? trackingId)
    {
        var body = JsonSerializer.Serialize(new[] { Events.Log(ship, "comms", service, "error", msg, trackingId, DateTimeOffset.UtcNow, "dev-1") }, AiOpsJson.Options);
        using var posted = await client.PostAsync("/api/v3/ingest/logs", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }

    private static async Task<JsonElement[]> IncidentsAsync(HttpClient client, string ship) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v3/incidents?ship_id={ship}&per_page=200")).RootElement.Clone()
            .GetProperty("data").EnumerateArray().ToArray();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
