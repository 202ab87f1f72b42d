using System.Net;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Security;

/// <summary>Every route against every role: who may call it, and that the others get 401/403, not data.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class RoleMatrixTests
{
    private static ApiKeys Keys() => new ApiKeys()
        .Add("vera", "viewer").Add("erik", "engineer").Add("emma", "engineer").Add("ada", "admin").Add("vector", "ingest");

    private sealed record Route(string Method, string Path, string? Body, params string[] Allowed);

    private static IEnumerable<Route> Routes(string incidentId, string trackingId, string ship)
    {
        var log = JsonSerializer.Serialize(new[] { Events.Log(ship, "app", "pms", "info", "GET / 200", null, DateTimeOffset.UtcNow, "h1") }, AiOpsJson.Options);
        var metric = JsonSerializer.Serialize(new[] { Events.Metric(ship, "system", "pms", "cpu_pct", 10, DateTimeOffset.UtcNow, "h1") }, AiOpsJson.Options);
        return
        [
            new("GET", "/api/v3/incidents", null, "viewer", "engineer", "admin"),
            new("GET", $"/api/v3/incidents/{incidentId}", null, "viewer", "engineer", "admin"),
            new("PATCH", $"/api/v3/incidents/{incidentId}", """{"status":"ack","comment":"looking"}""", "engineer", "admin"),
            new("GET", "/api/v3/notifications?state=failed", null, "viewer", "engineer", "admin"),
            new("POST", $"/api/v3/notifications/{incidentId}.opened.webhook/retry", null, "engineer", "admin"),
            new("GET", "/api/v3/stats?time_range=1h", null, "viewer", "engineer", "admin"),
            new("GET", $"/api/v3/trace/{trackingId}", null, "viewer", "engineer", "admin"),
            new("GET", "/api/v3/policy", null, "viewer", "engineer", "admin"),
            new("GET", "/metrics", null, "viewer", "engineer", "admin"),
            new("GET", "/api/v3/actions", null, "viewer", "engineer", "admin"),
            new("GET", "/api/v3/actions/executions/exec-unknown", null, "viewer", "engineer", "admin"),
            new("POST", "/api/v3/actions/clear_cache/execute", $$"""{"ship_id":"{{ship}}","service":"pms","dry_run":true}""", "engineer", "admin"),
            new("GET", "/api/v3/approvals", null, "engineer", "admin"),
            new("POST", "/api/v3/approvals/exec-unknown/approve", "{}", "engineer", "admin"),
            new("POST", "/api/v3/approvals/exec-unknown/reject", "{}", "engineer", "admin"),
            new("GET", "/api/v3/audit", null, "engineer", "admin"),
            new("GET", $"/api/v3/incidents/{incidentId}/explain", null, "viewer", "engineer", "admin"),
            new("POST", $"/api/v3/incidents/{incidentId}/comments", """{"text":"looking"}""", "engineer", "admin"),
            new("POST", $"/api/v3/incidents/{incidentId}/reopen", "{}", "engineer", "admin"),
            new("POST", $"/api/v3/incidents/{incidentId}/link", """{"incident_id":"INC-unknown"}""", "engineer", "admin"),
            new("POST", $"/api/v3/incidents/{incidentId}/merge", """{"incident_id":"INC-unknown"}""", "engineer", "admin"),
            new("POST", $"/api/v3/incidents/{incidentId}/split", """{"tracking_ids":["unknown"]}""", "engineer", "admin"),
            new("GET", "/api/v3/silences", null, "viewer", "engineer", "admin"),
            new("GET", "/api/v3/silences/sil-unknown", null, "viewer", "engineer", "admin"),
            new("POST", "/api/v3/silences", $$"""{"matchers":[{"name":"ship_id","value":"{{ship}}-quiet"}],"ends_at":"{{DateTimeOffset.UtcNow.AddHours(1):O}}"}""", "engineer", "admin"),
            new("DELETE", "/api/v3/silences/sil-unknown", null, "engineer", "admin"),
            new("POST", "/api/v3/ingest/logs", log, "ingest", "admin"),
            new("POST", "/api/v3/ingest/metrics", metric, "ingest", "admin"),
        ];
    }

    [Fact]
    public async Task Each_role_reaches_exactly_its_routes()
    {
        var keys = Keys();
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        var (incidentId, trackingId, ship) = await OpenIncidentAsync(host, keys);
        var callers = new Dictionary<string, string> { ["viewer"] = "vera", ["engineer"] = "erik", ["admin"] = "ada", ["ingest"] = "vector" };

        var failures = new List<string>();
        foreach (var route in Routes(incidentId, trackingId, ship))
        {
            foreach (var (role, name) in callers)
            {
                using var client = keys.ClientOf(host, name);
                var status = await SendAsync(client, route);
                var allowed = route.Allowed.Contains(role);
                if (allowed ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{route.Method} {route.Path} as {role}: {(int)status}");
                }
            }

            using var anonymous = ApiKeys.Client(host, null);
            if (await SendAsync(anonymous, route) != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route.Method} {route.Path} without a key is not 401");
            }

            using var forged = ApiKeys.Client(host, "aiops_not-a-real-key");
            if (await SendAsync(forged, route) != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route.Method} {route.Path} with an unknown key is not 401");
            }
        }

        Assert.Empty(failures);
        using var probe = ApiKeys.Client(host, null);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Readiness_answers_its_status_to_any_probe_and_its_details_to_readers_only()
    {
        var keys = Keys();
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        using var viewer = keys.ClientOf(host, "vera");

        foreach (var caller in new[] { (string?)null, "vector" })
        {
            using var probe = caller is null ? ApiKeys.Client(host, null) : keys.ClientOf(host, caller);
            using var response = await probe.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("healthy", body.GetProperty("status").GetString());
            Assert.False(body.TryGetProperty("checks", out _), $"{caller ?? "no key"} must not see the dependencies");
        }

        var details = JsonDocument.Parse(await viewer.GetStringAsync("/health/ready")).RootElement;
        Assert.Equal("healthy", details.GetProperty("checks").GetProperty("ingest").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_viewer_changes_nothing_and_an_ingest_key_reads_nothing()
    {
        var keys = Keys();
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        var (incidentId, _, _) = await OpenIncidentAsync(host, keys);

        using var viewer = keys.ClientOf(host, "vera");
        using var denied = await viewer.PatchAsync($"/api/v3/incidents/{incidentId}", Json("""{"status":"resolved"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var problem = JsonDocument.Parse(await denied.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("viewer", problem.GetProperty("detail").GetString());
        var incident = JsonDocument.Parse(await viewer.GetStringAsync($"/api/v3/incidents/{incidentId}")).RootElement;
        Assert.Equal("open", incident.GetProperty("status").GetString());

        using var ingest = keys.ClientOf(host, "vector");
        using var read = await ingest.GetAsync($"/api/v3/incidents/{incidentId}");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.DoesNotContain(incidentId, await read.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_status_change_is_recorded_under_the_keys_holder()
    {
        var keys = Keys();
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        var (incidentId, _, _) = await OpenIncidentAsync(host, keys);

        using var engineer = keys.ClientOf(host, "erik");
        using var response = await engineer.PatchAsync($"/api/v3/incidents/{incidentId}", Json("""{"status":"ack"}"""));

        var incident = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("source").GetString() == "erik");
    }

    [Fact]
    public async Task Writes_are_rate_limited_per_key_with_the_time_to_wait()
    {
        var keys = Keys().With("Auth:RateLimits:WritesPerMinute", "2");
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        var (incidentId, _, _) = await OpenIncidentAsync(host, keys);
        using var erik = keys.ClientOf(host, "erik");
        using var emma = keys.ClientOf(host, "emma");

        var statuses = new List<HttpStatusCode>();
        foreach (var status in new[] { "ack", "open", "ack" })
        {
            using var response = await erik.PatchAsync($"/api/v3/incidents/{incidentId}", Json($$"""{"status":"{{status}}"}"""));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.RetryAfter!.ToString()) >= 1);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
        using var other = await emma.PatchAsync($"/api/v3/incidents/{incidentId}", Json("""{"status":"resolved"}"""));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    private static async Task<(string IncidentId, string TrackingId, string Ship)> OpenIncidentAsync(TestHost host, ApiKeys keys)
    {
        var ship = Events.Ship("keys");
        using var ingest = keys.ClientOf(host, "vector");
        var trackingId = $"keys-{Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new[] { Events.Log(ship, "app", "pms-db", "error", "Database connection timeout after 30s", trackingId, DateTimeOffset.UtcNow, "db-01") }, AiOpsJson.Options);
        using var posted = await ingest.PostAsync("/api/v3/ingest/logs", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        using var admin = keys.ClientOf(host, "ada");
        var incidentId = await TestHost.EventuallyAsync(async () =>
        {
            var page = JsonDocument.Parse(await admin.GetStringAsync($"/api/v3/incidents?ship_id={ship}")).RootElement;
            return page.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("incident_id").GetString()).FirstOrDefault();
        }, "the incident");
        return (incidentId!, trackingId, ship);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, Route route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Body is not null)
        {
            request.Content = Json(route.Body);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
