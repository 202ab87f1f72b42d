using System.Net;
using System.Net.Http.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class IncidentsApiTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    private async Task<string> OpenIncidentAsync(string ship, string msg = "Authentication failed for user crew7")
    {
        using var _ = await Host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "security", "sshd", "warn", msg)]);
        return (await Host.IncidentsOfShipAsync(ship, 1))[0].GetProperty("incident_id").GetString()!;
    }

    private Task<HttpResponseMessage> PatchAsync(string id, string body) =>
        Host.Http.PatchAsync($"/api/v3/incidents/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Status_goes_open_ack_resolved_with_timeline_entries_and_illegal_moves_are_409()
    {
        var id = await OpenIncidentAsync(Events.Ship("life"));

        using var ack = await PatchAsync(id, """{"status":"ack","comment":"on it"}""");
        using var resolve = await PatchAsync(id, """{"status":"resolved"}""");
        using var again = await PatchAsync(id, """{"status":"ack"}""");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("cannot become ack", (await TestHost.GetJsonFromAsync(again)).GetProperty("detail").GetString());
        var incident = await Host.GetJsonAsync($"/api/v3/incidents/{id}");
        Assert.Equal("resolved", incident.GetProperty("status").GetString());
        var statusEvents = incident.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("event").GetString() != "insight").ToList();
        Assert.Equal(["created", "ack", "resolved"], statusEvents.Select(t => t.GetProperty("event").GetString()));
        Assert.Contains("on it", statusEvents[1].GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("""{"status":"open"}""", "not one of ack, resolved, suppressed")]
    [InlineData("""{"status":"ack","assignee":"me"}""", "unknown field 'assignee'")]
    [InlineData("""{"owner":5}""", "'owner' must be a string")]
    [InlineData("""{"comment":"x"}""", "'status' is required")]
    [InlineData("""{"status":3}""", "'status' must be a string")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"status":""", "JSON object")]
    public async Task A_bad_patch_body_is_400_naming_the_field(string body, string detail)
    {
        var id = await OpenIncidentAsync(Events.Ship("patch"));

        using var response = await PatchAsync(id, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await TestHost.GetJsonFromAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_incidents_are_404_for_get_and_patch()
    {
        using var get = await Host.Http.GetAsync("/api/v3/incidents/INC-nope");
        using var patch = await PatchAsync("INC-nope", """{"status":"ack"}""");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_list_filters_searches_and_pages_newest_first()
    {
        var ship = Events.Ship("list");
        using (await Host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "security", "sshd", "warn", "Authentication failed for root")])) { }
        await Host.IncidentsOfShipAsync(ship, 1);
        using (await Host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "comms", "vsat-modem", "error", "carrier lost", device: "vsat-9")])) { }
        await Host.IncidentsOfShipAsync(ship, 2);
        using (await Host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "app", "orders-db", "error", "Database connection timeout")])) { }
        var all = await Host.IncidentsOfShipAsync(ship, 3);

        Assert.Equal(["resource_pressure", "link_degradation", "auth_failure"], all.Select(i => i.GetProperty("incident_type").GetString()));
        var critical = await Host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}&severity=critical,high&type=link_degradation");
        Assert.Equal(1, critical.GetProperty("total").GetInt32());
        var searched = await Host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}&search=VSAT-9");
        Assert.Equal("link_degradation", Assert.Single(searched.GetProperty("data").EnumerateArray()).GetProperty("incident_type").GetString());
        var page2 = await Host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}&per_page=2&page=2");
        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("pages").GetInt32());
        Assert.Equal("auth_failure", Assert.Single(page2.GetProperty("data").EnumerateArray()).GetProperty("incident_type").GetString());
        var none = await Host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}&since=2999-01-01T00:00:00Z");
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("severity=urgent", "severity")]
    [InlineData("status=closed", "status")]
    [InlineData("per_page=0", "per_page")]
    [InlineData("per_page=1000", "per_page")]
    [InlineData("page=-1", "page")]
    [InlineData("since=yesterday", "since")]
    [InlineData("severty=high", "unknown query parameter 'severty'")]
    public async Task Bad_filters_are_400_naming_the_parameter(string query, string detail)
    {
        using var response = await Host.Http.GetAsync($"/api/v3/incidents?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await TestHost.GetJsonFromAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Stats_refuse_a_bad_range_and_trace_says_404_for_an_unknown_id()
    {
        using var badRange = await Host.Http.GetAsync("/api/v3/stats?time_range=2y");
        using var tooLong = await Host.Http.GetAsync("/api/v3/stats?time_range=8761h");
        using var unknown = await Host.Http.GetAsync("/api/v3/trace/never-seen-this-id");

        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("never-seen-this-id", (await unknown.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_policy_endpoint_shows_each_section_with_its_source()
    {
        var policy = await Host.GetJsonAsync("/api/v3/policy");

        Assert.Equal("3.0", policy.GetProperty("schema_version").GetString());
        foreach (var section in new[] { "ingest", "detect", "correlate", "notify", "remediate", "llm", "retention", "privacy", "slo" })
        {
            Assert.Equal("fleet", policy.GetProperty("sections").GetProperty(section).GetProperty("source").GetString());
        }

        Assert.Equal(900, policy.GetProperty("sections").GetProperty("correlate").GetProperty("values").GetProperty("dedup_ttl_sec").GetInt32());
    }
}
