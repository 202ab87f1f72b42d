using System.Net;
using System.Text;
using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Workflow;

/// <summary>Comments, assignment, explain, merge, split, reopen and link through the real host.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class IncidentWorkflowApiTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    [Fact]
    public async Task Each_member_says_why_it_joined_and_comments_and_owner_are_kept_on_the_incident()
    {
        var ship = Events.Ship("explain");
        var (id, members) = await OpenAsync(ship, "dev-1", "dev-2");

        var explain = await Host.GetJsonAsync($"/api/v3/incidents/{id}/explain");
        var reasons = explain.GetProperty("why_grouped").EnumerateArray().ToList();
        Assert.Equal(members.Order(), reasons.Select(r => r.GetProperty("tracking_id").GetString()!).Order());
        Assert.Contains(reasons, r => r.GetProperty("rule").GetString() == "opened");
        Assert.All(reasons, r =>
        {
            Assert.StartsWith("auth_failure/", r.GetProperty("correlation_key").GetString());
            Assert.True(r.GetProperty("window_sec").GetInt32() > 0);
            Assert.Contains(ship, r.GetProperty("fingerprint").GetString());
            Assert.True(r.GetProperty("distance_sec").GetDouble() >= 0);
        });

        using var comment = await PostAsync($"/api/v3/incidents/{id}/comments", """{"text":"crew password reset in progress"}""");
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        using var assign = await PatchAsync(id, """{"owner":"emma"}""");
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        using var ack = await PatchAsync(id, """{"status":"ack","owner":"olaf"}""");
        var incident = await TestHost.GetJsonFromAsync(ack);

        Assert.Equal("ack", incident.GetProperty("status").GetString());
        Assert.Equal("olaf", incident.GetProperty("owner").GetString());
        Assert.Equal("crew password reset in progress", incident.GetProperty("comments")[0].GetProperty("text").GetString());
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("event").GetString() == "assigned");
        using var blank = await PostAsync($"/api/v3/incidents/{id}/comments", """{"text":"  "}""");
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("'text'", (await TestHost.GetJsonFromAsync(blank)).GetProperty("detail").GetString());
        var audit = (await Host.GetJsonAsync($"/api/v3/audit?resource=incident:{id}")).GetRawText();
        Assert.Contains("incident_comment", audit);
        Assert.Contains("incident_assign", audit);
    }

    [Fact]
    public async Task A_merge_combines_two_incidents_and_later_anomalies_of_the_merged_key_join_the_survivor()
    {
        var shipA = Events.Ship("merge-a");
        var shipB = Events.Ship("merge-b");
        var (into, intoMembers) = await OpenAsync(shipA, "dev-1");
        var (other, otherMembers) = await OpenAsync(shipB, "dev-7", "dev-8");

        using var self = await PostAsync($"/api/v3/incidents/{into}/merge", $$"""{"incident_id":"{{into}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        using var merged = await PostAsync($"/api/v3/incidents/{into}/merge", $$"""{"incident_id":"{{other}}"}""");
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var survivor = await TestHost.GetJsonFromAsync(merged);

        Assert.Equal(3, survivor.GetProperty("anomaly_count").GetInt32());
        Assert.Equal(intoMembers.Concat(otherMembers).Order(), survivor.GetProperty("tracking_ids").EnumerateArray().Select(t => t.GetString()!).Order());
        Assert.Contains(other, survivor.GetProperty("related").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(survivor.GetProperty("why_grouped").EnumerateArray(), r => r.GetProperty("from_incident").GetString() == other);
        var gone = await Host.GetJsonAsync($"/api/v3/incidents/{other}");
        Assert.Equal("merged", gone.GetProperty("status").GetString());
        Assert.Equal(into, gone.GetProperty("merged_into").GetString());
        var listed = await Host.GetJsonAsync($"/api/v3/incidents?ship_id={shipB}&status=merged");
        Assert.Equal(other, listed.GetProperty("data")[0].GetProperty("incident_id").GetString());
        using var again = await PostAsync($"/api/v3/incidents/{into}/merge", $$"""{"incident_id":"{{other}}"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await PostLogAsync(shipB, "dev-9", $"wf-{Guid.NewGuid():N}");
        await TestHost.EventuallyAsync(async () =>
            (await Host.GetJsonAsync($"/api/v3/incidents/{into}")).GetProperty("anomaly_count").GetInt32() == 4 ? "joined" : null, "the merged key's anomaly in the survivor");
        Assert.Equal(1, (await Host.GetJsonAsync($"/api/v3/incidents?ship_id={shipB}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_split_moves_members_into_a_new_listed_incident()
    {
        var ship = Events.Ship("split");
        var (id, members) = await OpenAsync(ship, "dev-1", "dev-2", "dev-3");
        var moving = members.Take(2).ToList();

        using var unknown = await PostAsync($"/api/v3/incidents/{id}/split", """{"tracking_ids":["nope"]}""");
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Contains("tracking_ids", (await TestHost.GetJsonFromAsync(unknown)).GetProperty("detail").GetString());
        using var split = await PostAsync($"/api/v3/incidents/{id}/split", JsonSerializer.Serialize(new { tracking_ids = moving }));
        Assert.Equal(HttpStatusCode.Created, split.StatusCode);
        var created = await TestHost.GetJsonFromAsync(split);
        var newId = created.GetProperty("incident_id").GetString()!;

        Assert.Equal(moving.Order(), created.GetProperty("tracking_ids").EnumerateArray().Select(t => t.GetString()!).Order());
        Assert.Equal("open", created.GetProperty("status").GetString());
        Assert.Equal(2, created.GetProperty("anomaly_count").GetInt32());
        var source = await Host.GetJsonAsync($"/api/v3/incidents/{id}");
        Assert.Equal([members[2]], source.GetProperty("tracking_ids").EnumerateArray().Select(t => t.GetString()!));
        Assert.Contains(newId, source.GetProperty("related").EnumerateArray().Select(r => r.GetString()));
        var listed = await Host.IncidentsOfShipAsync(ship, 2);
        Assert.Contains(listed, i => i.GetProperty("incident_id").GetString() == newId);
    }

    [Fact]
    public async Task A_resolved_incident_reopens_by_hand_and_when_its_key_fires_again()
    {
        var ship = Events.Ship("reopen");
        var (id, _) = await OpenAsync(ship, "dev-1");

        using var notClosed = await PostAsync($"/api/v3/incidents/{id}/reopen", "");
        Assert.Equal(HttpStatusCode.Conflict, notClosed.StatusCode);
        (await PatchAsync(id, """{"status":"resolved"}""")).Dispose();
        using var reopened = await PostAsync($"/api/v3/incidents/{id}/reopen", """{"comment":"not fixed after all"}""");
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal("open", (await TestHost.GetJsonFromAsync(reopened)).GetProperty("status").GetString());

        (await PatchAsync(id, """{"status":"resolved"}""")).Dispose();
        await PostLogAsync(ship, "dev-5", $"wf-{Guid.NewGuid():N}");
        var incident = await TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            var current = await Host.GetJsonAsync($"/api/v3/incidents/{id}");
            return current.GetProperty("status").GetString() == "open" ? current : null;
        }, "the automatic reopen");
        Assert.Equal(2, incident!.Value.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("event").GetString() == "reopened"));
        Assert.Contains(incident.Value.GetProperty("why_grouped").EnumerateArray(), r => r.GetProperty("rule").GetString() == "reopened");
        Assert.Equal(1, (await Host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Linked_incidents_name_each_other_and_unknown_ones_are_404()
    {
        var (first, _) = await OpenAsync(Events.Ship("link-a"), "dev-1");
        var (second, _) = await OpenAsync(Events.Ship("link-b"), "dev-1");

        using var linked = await PostAsync($"/api/v3/incidents/{first}/link", $$"""{"incident_id":"{{second}}"}""");
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        using var unknown = await PostAsync($"/api/v3/incidents/{first}/link", """{"incident_id":"INC-nope"}""");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var missing = await PostAsync("/api/v3/incidents/INC-nope/comments", """{"text":"x"}""");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        Assert.Contains(second, (await Host.GetJsonAsync($"/api/v3/incidents/{first}")).GetProperty("related").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(first, (await Host.GetJsonAsync($"/api/v3/incidents/{second}")).GetProperty("related").EnumerateArray().Select(r => r.GetString()));
    }

    /// <summary>One auth_failure incident of a ship with a member per device (distinct fingerprints, one key).</summary>
    private async Task<(string Id, List<string> Members)> OpenAsync(string ship, params string[] devices)
    {
        var members = new List<string>();
        foreach (var device in devices)
        {
            var trackingId = $"wf-{Guid.NewGuid():N}";
            members.Add(trackingId);
            await PostLogAsync(ship, device, trackingId);
        }

        var incident = await TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            var page = await Host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}");
            var first = page.GetProperty("data").EnumerateArray().FirstOrDefault();
            return first.ValueKind == JsonValueKind.Object && first.GetProperty("anomaly_count").GetInt32() == devices.Length ? first : null;
        }, $"an incident of {devices.Length} members");
        return (incident!.Value.GetProperty("incident_id").GetString()!, members);
    }

    private async Task PostLogAsync(string ship, string device, string trackingId)
    {
        using var posted = await Host.PostNdjsonAsync("/api/v3/ingest/logs",
            [Events.Log(ship, "security", "sshd", "warn", "Authentication failed for user crew7", trackingId, DateTimeOffset.UtcNow, device)]);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        Host.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PatchAsync(string id, string body) =>
        Host.Http.PatchAsync($"/api/v3/incidents/{id}", new StringContent(body, Encoding.UTF8, "application/json"));
}
