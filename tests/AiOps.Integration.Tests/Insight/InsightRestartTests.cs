using System.Net;
using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Insight;

/// <summary>
/// The insight queue is in memory, but what an incident is owed is not: an incident that opened while its
/// insight could not be written gets it after a restart, brought back by its durable reminder or by anything
/// else that activates it.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class InsightRestartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aiops-insight-restart-" + Guid.NewGuid().ToString("N"));
    private OllamaStandIn _ollama = null!;
    private Dictionary<string, string?> _settings = null!;

    private string Reminders => Path.Combine(_dataDirectory, "reminders.json");

    public async Task InitializeAsync()
    {
        _ollama = await OllamaStandIn.StartAsync();
        var folder = PolicyFolder.Copy();
        // The model hangs for longer than the first host lives, and the timeout does not cut it short.
        PolicyFolder.Edit(folder, "llm.yaml", "timeout_ms: 8000", "timeout_ms: 600000");
        PolicyFolder.Edit(folder, "llm.yaml", "owed_reminder_sec: 120", "owed_reminder_sec: 60");
        // No notification channels: the notification pump would otherwise wake the incident after the restart.
        PolicyFolder.Edit(folder, "notify.yaml", "email:\n    enabled: true", "email:\n    enabled: false");
        PolicyFolder.Edit(folder, "notify.yaml", "webhook:\n    enabled: true", "webhook:\n    enabled: false");
        _settings = PolicyFolder.Settings(folder);
        _settings["Ollama:Endpoint"] = _ollama.Address.ToString();
    }

    public async Task DisposeAsync() => await _ollama.DisposeAsync();

    [Fact]
    public async Task An_incident_whose_insight_was_in_progress_at_shutdown_gets_it_after_a_restart_without_being_asked_for()
    {
        var (incidentId, trackingId) = await OpenWhileTheModelHangsThenStopAsync();

        var calls = _ollama.ChatCalls;
        await using var second = await TestHost.StartAsync(_dataDirectory, _settings);

        // Nothing asks for the incident (the trace is another grain's): its reminder has to bring it back. A
        // period is 60 s, and the reminder service needs a moment after start-up.
        await TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            using var response = await second.Http.GetAsync($"/api/v3/trace/{trackingId}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var trace = await TestHost.GetJsonFromAsync(response);
            return trace.GetProperty("stages").EnumerateArray().Any(s => s.GetProperty("stage").GetString() == "insight") ? trace : null;
        }, "the insight after the restart", timeoutMs: 150_000);

        var incident = await second.GetJsonAsync($"/api/v3/incidents/{incidentId}");
        AssertTheModelsInsight(incident);
        Assert.True(_ollama.ChatCalls > calls);
        await TheReminderIsRemovedAsync(incidentId);
    }

    [Fact]
    public async Task Any_activation_of_an_incident_owed_an_insight_asks_for_it_again()
    {
        var (incidentId, _) = await OpenWhileTheModelHangsThenStopAsync();

        await using var second = await TestHost.StartAsync(_dataDirectory, _settings);
        // Reading the incident activates it, well before its reminder is due.
        var incident = await TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            var read = await second.GetJsonAsync($"/api/v3/incidents/{incidentId}");
            return read.GetProperty("insight_source").ValueKind == JsonValueKind.String ? read : null;
        }, "the insight after the restart", timeoutMs: 30_000);

        AssertTheModelsInsight(incident!.Value);
        await TheReminderIsRemovedAsync(incidentId);
    }

    /// <summary>Opens an incident on a first host while the model hangs, so its insight is in progress when that host stops.</summary>
    private async Task<(string IncidentId, string TrackingId)> OpenWhileTheModelHangsThenStopAsync()
    {
        _ollama.Delay = TimeSpan.FromMinutes(10);
        var ship = Events.Ship("owed");
        var trackingId = $"owed-{Guid.NewGuid():N}";
        await using var first = await TestHost.StartAsync(_dataDirectory, _settings);
        using (await first.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "comms", "vsat-modem", "error", "Carrier lost on beam 3", trackingId, device: "vsat-001")])) { }
        var incidentId = (await first.IncidentsOfShipAsync(ship, 1))[0].GetProperty("incident_id").GetString()!;
        await TestHost.EventuallyAsync(() => Task.FromResult<object?>(_ollama.ChatCalls > 0 ? true : null), "the model to be asked");
        // The reminder is on disk: in the snapshot, or in the change log appended to since the last snapshot.
        bool Stored(string path) => File.Exists(path) && File.ReadAllText(path).Contains(incidentId, StringComparison.Ordinal);
        await TestHost.EventuallyAsync(() => Task.FromResult<object?>(Stored(Reminders) || Stored(Reminders + ".log") ? true : null),
            "the owed-insight reminder in the reminder table");
        var before = await first.GetJsonAsync($"/api/v3/incidents/{incidentId}");
        Assert.False(before.TryGetProperty("insight_source", out var source) && source.ValueKind == JsonValueKind.String);
        _ollama.Delay = TimeSpan.Zero;
        return (incidentId, trackingId);
    }

    private static void AssertTheModelsInsight(JsonElement incident)
    {
        Assert.Equal("llm", incident.GetProperty("insight_source").GetString());
        Assert.StartsWith("The satellite modem lost its carrier", incident.GetProperty("narrative").GetString());
        // One insight: the activation's request and a tick that caused the activation are one request.
        Assert.Single(incident.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("event").GetString() == "insight");
    }

    /// <summary>Nothing is owed any more, so the reminder is gone from the table.</summary>
    private Task TheReminderIsRemovedAsync(string incidentId) =>
        TestHost.EventuallyAsync(async () =>
        {
            // Read as the host reads it at start: the snapshot, then the change log.
            var table = new AiOps.Infrastructure.Storage.FileReminderTable(Reminders);
            await table.Init();
            var rows = await table.ReadRows(0u, 0u);
            return rows.Reminders.Any(r => r.GrainId.ToString().Contains(incidentId, StringComparison.Ordinal)) ? null : (object?)true;
        }, "the owed-insight reminder to be removed");
}
