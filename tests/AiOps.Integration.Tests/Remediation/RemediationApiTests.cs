using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Remediation;

/// <summary>Actions and approvals through the API, executed by the webhook executor against a local automation endpoint.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class RemediationApiTests
{
    private const string Secret = "automation-test-secret";

    private static async Task<(TestHost Host, ApiKeys Keys)> StartAsync(HttpReceiver automation)
    {
        // Two daily windows that together cover the whole day, so risky actions may run whenever the test does.
        var policies = PolicyFolder.Copy();
        PolicyFolder.Edit(policies, "remediate.yaml",
            """  - { name: weekly_maintenance, day: sunday, start: "02:00", end: "04:00", timezone: "UTC" }""",
            """
              - { name: test_morning, day: daily, start: "00:00", end: "12:00", timezone: "UTC" }
              - { name: test_evening, day: daily, start: "12:00", end: "00:00", timezone: "UTC" }
            """);
        var keys = new ApiKeys().Add("vera", "viewer").Add("erik", "engineer").Add("emma", "engineer").Add("ada", "admin")
            .With("AiOps:PolicyDirectory", policies)
            .With("Remediation:AutomationUrl", automation.Address + "automation")
            .With("Remediation:AutomationSecret", Secret);
        return (await TestHost.StartAsync(settings: keys.Settings), keys);
    }

    [Fact]
    public async Task A_two_person_action_runs_only_after_two_engineers_other_than_the_requester_approve()
    {
        await using var automation = await HttpReceiver.StartAsync();
        var (host, keys) = await StartAsync(automation);
        await using var _ = host;
        using var erik = keys.ClientOf(host, "erik");
        using var emma = keys.ClientOf(host, "emma");
        using var ada = keys.ClientOf(host, "ada");

        using var requested = await erik.PostAsync("/api/v3/actions/failover_path/execute", Json("""{"ship_id":"ship-a","service":"vsat","incident_id":"inc-1","reason":"primary link down"}"""));
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var id = (await Body(requested)).GetProperty("execution_id").GetString()!;
        Assert.Contains((await Body(await erik.GetAsync("/api/v3/approvals?mine=true"))).EnumerateArray(), e => e.GetProperty("execution_id").GetString() == id);

        Assert.Equal(HttpStatusCode.Conflict, (await erik.PostAsync($"/api/v3/approvals/{id}/approve", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await emma.PostAsync($"/api/v3/approvals/{id}/approve", Json("""{"comment":"backup link healthy"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await emma.PostAsync($"/api/v3/approvals/{id}/approve", Json("{}"))).StatusCode);
        Assert.Empty(automation.Received);

        using var approved = await ada.PostAsync($"/api/v3/approvals/{id}/approve", Json("{}"));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var execution = await Body(approved);
        Assert.Equal("succeeded", execution.GetProperty("status").GetString());
        Assert.Equal(["pre_check", "execute", "post_check"], automation.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("phase").GetString()));
        foreach (var call in automation.Received)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(call.Body)));
            Assert.Equal(expected, call.Headers["X-AiOps-Signature"]);
            Assert.StartsWith(id + ":", call.Headers["Idempotency-Key"]);
        }

        var audit = (await Body(await ada.GetAsync("/api/v3/audit?resource=execution:" + id))).GetProperty("data").EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "action_execution" && e.GetProperty("status").GetString() == "succeeded");
        Assert.Equal(2, audit.Count(e => e.GetProperty("action").GetString() == "approval" && e.GetProperty("status").GetString() == "approved"));
        Assert.Equal(2, audit.Count(e => e.GetProperty("action").GetString() == "approval" && e.GetProperty("status").GetString() == "refused"));
    }

    [Fact]
    public async Task A_second_run_inside_the_cooldown_is_429_with_when_it_becomes_available()
    {
        await using var automation = await HttpReceiver.StartAsync();
        var (host, keys) = await StartAsync(automation);
        await using var _ = host;
        using var erik = keys.ClientOf(host, "erik");
        var body = """{"ship_id":"ship-a","service":"pms"}""";

        using var first = await erik.PostAsync("/api/v3/actions/restart_service/execute", Json(body));
        using var second = await erik.PostAsync("/api/v3/actions/restart_service/execute", Json(body));

        Assert.Equal("succeeded", (await Body(first)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(int.Parse(second.Headers.RetryAfter!.ToString()), 290, 300);
        var problem = await Body(second);
        Assert.True(problem.GetProperty("available_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(290));
        var catalog = await Body(await erik.GetAsync("/api/v3/actions"));
        var restart = catalog.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "restart_service");
        Assert.Equal("ship-a/pms", restart.GetProperty("cooling_down")[0].GetProperty("target").GetString());
        Assert.Single(automation.Received);
    }

    [Fact]
    public async Task A_failed_post_check_rolls_the_action_back()
    {
        await using var automation = await HttpReceiver.StartAsync();
        automation.StatusFor = body => body.Contains("\"post_check\"", StringComparison.Ordinal) ? 500 : 200;
        var (host, keys) = await StartAsync(automation);
        await using var _ = host;
        using var erik = keys.ClientOf(host, "erik");
        using var emma = keys.ClientOf(host, "emma");

        using var requested = await erik.PostAsync("/api/v3/actions/reset_connection/execute", Json("""{"ship_id":"ship-a","service":"crew-wifi"}"""));
        var id = (await Body(requested)).GetProperty("execution_id").GetString()!;
        using var approved = await emma.PostAsync($"/api/v3/approvals/{id}/approve", Json("{}"));

        var execution = await Body(approved);
        Assert.Equal("rolled_back", execution.GetProperty("status").GetString());
        Assert.Equal("post-check failed", execution.GetProperty("error").GetString());
        Assert.Equal(["execute", "post_check", "rollback"], automation.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("phase").GetString()));
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_viewers_cannot_act()
    {
        await using var automation = await HttpReceiver.StartAsync();
        var (host, keys) = await StartAsync(automation);
        await using var _ = host;
        using var erik = keys.ClientOf(host, "erik");
        using var vera = keys.ClientOf(host, "vera");

        using var missing = await erik.PostAsync("/api/v3/actions/restart_service/execute", Json("""{"service":"pms"}"""));
        using var injected = await erik.PostAsync("/api/v3/actions/restart_service/execute", Json("""{"ship_id":"a; rm -rf /","service":"pms"}"""));
        using var unknown = await erik.PostAsync("/api/v3/actions/format_disk/execute", Json("""{"ship_id":"a","service":"pms"}"""));
        using var viewer = await vera.PostAsync("/api/v3/actions/restart_service/execute", Json("""{"ship_id":"a","service":"pms"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var missingProblem = await Body(missing);
        Assert.Contains("'ship_id' is required", missingProblem.GetProperty("detail").GetString());
        Assert.True(missingProblem.GetProperty("errors").TryGetProperty("ship_id", out var shipErrors), missingProblem.GetRawText());
        Assert.Equal(JsonValueKind.Array, shipErrors.ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, injected.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("action:", (await Body(unknown)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Empty(automation.Received);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
