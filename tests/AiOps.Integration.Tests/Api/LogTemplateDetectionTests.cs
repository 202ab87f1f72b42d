using System.Net;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>Log templates on the real host: a new message opens an incident whatever its level; a known one does not.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class LogTemplateDetectionTests(SharedHost shared)
{
    private TestHost Host => shared.Host;

    [Fact]
    public async Task A_new_failure_message_at_info_opens_an_incident_and_a_repeated_known_one_does_not()
    {
        var ship = Events.Ship("templ");
        var now = DateTimeOffset.UtcNow;
        // Past the shipped warm-up (500 lines over an hour of event time) on the service's everyday messages.
        var warmup = Enumerable.Range(0, 600).Select(i => (object)Events.Log(ship, "app", "billing", "info", (i % 3) switch
        {
            0 => $"Request {i} served in {i % 90}ms",
            1 => $"Cache refreshed with {i * 7} entries",
            _ => $"User u{i} signed in from 10.1.{i % 200}.{i % 50}",
        }, ts: now.AddMinutes(-120 + (i / 6.0)))).ToList();
        using (var response = await Host.PostNdjsonAsync("/api/v3/ingest/logs", warmup))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var knownId = $"known-{Guid.NewGuid():N}";
        var newId = $"new-{Guid.NewGuid():N}";
        using (var response = await Host.PostNdjsonAsync("/api/v3/ingest/logs",
        [
            Events.Log(ship, "app", "billing", "info", "Cache refreshed with 4242 entries", knownId, ts: now),
            Events.Log(ship, "app", "billing", "info", "Ledger replication to replica db-2 stalled, falling back to primary", newId, ts: now),
        ]))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var incident = Assert.Single(await Host.IncidentsOfShipAsync(ship, 1));
        Assert.Equal([newId], incident.GetProperty("tracking_ids").EnumerateArray().Select(t => t.GetString()));
        var known = await Host.TraceAtStageAsync(knownId, "detected");
        Assert.Equal("no_anomaly", known.GetProperty("status").GetString());

        var templates = await Host.GetJsonAsync($"/api/v3/templates?ship_id={ship}&service=billing");
        var texts = templates.EnumerateArray().Select(t => t.GetProperty("text").GetString()).ToList();
        Assert.Contains("Cache refreshed with <*> entries", texts);
        Assert.Contains(texts, t => t!.StartsWith("Ledger replication", StringComparison.Ordinal));
        var cache = templates.EnumerateArray().Single(t => t.GetProperty("text").GetString() == "Cache refreshed with <*> entries");
        Assert.Equal(201, cache.GetProperty("count").GetInt64());
        Assert.Equal(201, cache.GetProperty("levels").GetProperty("info").GetInt64());

        // The evidence names the template; acting on the incident tells the service its template mattered.
        var templateId = incident.GetProperty("evidence")[0].GetProperty("template_id").GetInt32();
        var ledger = templates.EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == templateId);
        Assert.StartsWith("Ledger replication", ledger.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(ledger.GetProperty("acted_on").GetBoolean());
        var incidentId = incident.GetProperty("incident_id").GetString();
        using (var patch = await Host.Http.PatchAsync($"/api/v3/incidents/{incidentId}",
            new StringContent("""{"status":"ack"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        await TestHost.EventuallyAsync(async () =>
        {
            var now = await Host.GetJsonAsync($"/api/v3/templates?ship_id={ship}&service=billing");
            return now.EnumerateArray().Any(t => t.GetProperty("id").GetInt32() == templateId && t.GetProperty("acted_on").GetBoolean()) ? "yes" : null;
        }, "the template marked acted on");
    }

    [Fact]
    public async Task The_templates_query_names_a_missing_field()
    {
        using var response = await Host.Http.GetAsync("/api/v3/templates?service=billing");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ship_id", await response.Content.ReadAsStringAsync());
    }
}
