using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Insight;

/// <summary>The Insight Path on the real host against the Ollama stand-in (a wire-level fake, not a model).</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class InsightPathEndToEndTests : IAsyncLifetime
{
    private OllamaStandIn _ollama = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _ollama = await OllamaStandIn.StartAsync();
        var folder = PolicyFolder.Copy();
        PolicyFolder.Edit(folder, "llm.yaml", "timeout_ms: 8000", "timeout_ms: 1000");
        // The stand-in's embeddings are the local hashing embedder's, whose similarities run lower than a real model's.
        PolicyFolder.Edit(folder, "llm.yaml", "min_similarity: 0.7", "min_similarity: 0.3");
        var settings = PolicyFolder.Settings(folder);
        settings["Ollama:Endpoint"] = _ollama.Address.ToString();
        _host = await TestHost.StartAsync(settings: settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    [Fact]
    public async Task Insights_come_from_the_model_grounded_redacted_cached_and_fall_back_without_slowing_the_fast_path()
    {
        // 1. A narrative from the model, with its invented citations dropped.
        var star = Events.Ship("star");
        var first = await OpenAsync(star, "Carrier lost on beam 3, operator jane.doe@example.com, guest 10.200.3.4, token=s3cr3t-value", "vsat-modem", "vsat-001");
        var insight = await InsightOfAsync(first.Id);
        Assert.Equal("llm", insight.GetProperty("insight_source").GetString());
        Assert.Equal("high", insight.GetProperty("confidence").GetString());
        Assert.StartsWith("The satellite modem lost its carrier", insight.GetProperty("narrative").GetString());
        var runbooks = insight.GetProperty("runbook_refs").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(["rb-vsat-link-loss"], runbooks);
        Assert.Equal("medium", insight.GetProperty("runbook_refs")[0].GetProperty("risk").GetString());
        var insightEntry = insight.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("event").GetString() == "insight").GetProperty("description").GetString()!;
        Assert.Contains($"/api/v3/trace/{first.TrackingId}", insightEntry);
        Assert.DoesNotContain("invented-by-the-model", insightEntry);
        var trace = await _host.TraceAtStageAsync(first.TrackingId, "insight");
        Assert.Equal("llm", trace.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "insight").GetProperty("status").GetString());

        // 2. Nothing personal reached the model, and the log text arrived only as quoted data.
        var sent = string.Join("\n", _ollama.ChatRequests);
        Assert.DoesNotContain("jane.doe@example.com", sent);
        Assert.DoesNotContain("10.200.3.4", sent);
        Assert.DoesNotContain("s3cr3t-value", sent);
        Assert.Contains("untrusted_log_excerpts", sent);

        // 3. The same incident on another ship reuses the insight without a model call.
        var calls = _ollama.ChatCalls;
        var sky = Events.Ship("sky");
        var second = await OpenAsync(sky, "Carrier lost on beam 3", "vsat-modem", "vsat-001");
        Assert.Equal("cache", (await InsightOfAsync(second.Id)).GetProperty("insight_source").GetString());
        Assert.Equal(calls, _ollama.ChatCalls);

        // 4. Garbage from the model gives the rule-based insight.
        _ollama.Answer = _ => "Sorry, as a language model I cannot { produce JSON";
        var garbled = await OpenAsync(Events.Ship("garbled"), "Carrier lost on beam 3", "vsat-modem", "vsat-002");
        var fallback = await InsightOfAsync(garbled.Id);
        Assert.Equal("fallback", fallback.GetProperty("insight_source").GetString());
        Assert.Contains("unusable answer", fallback.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("event").GetString() == "insight").GetProperty("description").GetString());
        Assert.Contains("link degradation", fallback.GetProperty("narrative").GetString());

        // 5. A slow model times out into the fallback, and the Fast Path does not wait for it.
        _ollama.Answer = OllamaStandIn.DefaultAnswer;
        _ollama.Delay = TimeSpan.FromSeconds(5);
        var slow = await OpenAsync(Events.Ship("slow"), "Carrier lost on beam 3", "vsat-modem", "vsat-003");
        var fastPath = await _host.TraceAtStageAsync(slow.TrackingId, "incident");
        // The model takes 5 s; the Fast Path's latency shows it never waited for it.
        Assert.InRange(TraceLatency.AssertConsistent(fastPath), 0, _ollama.Delay.TotalMilliseconds / 2);
        var timedOut = await InsightOfAsync(slow.Id, timeoutMs: 20000);
        Assert.Equal("fallback", timedOut.GetProperty("insight_source").GetString());
        Assert.Contains("timeout", timedOut.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("event").GetString() == "insight").GetProperty("description").GetString());
        _ollama.Delay = TimeSpan.Zero;

        // 6. A resolved incident becomes context for the next similar one.
        using (await _host.Http.PatchAsync($"/api/v3/incidents/{first.Id}", new StringContent("""{"status":"resolved"}""", System.Text.Encoding.UTF8, "application/json"))) { }
        await TestHost.EventuallyAsync(async () =>
        {
            var next = await OpenAsync(Events.Ship("learned"), "Carrier lost on beam 3", "vsat-modem", $"vsat-{Guid.NewGuid():N}"[..12]);
            await InsightOfAsync(next.Id);
            return _ollama.ChatRequests.Last().Contains(first.Id, StringComparison.Ordinal) ? (object)true : null;
        }, "the resolved incident in the context of a new one");

        // 7. Stats and metrics report the Insight Path.
        var stats = await _host.GetJsonAsync("/api/v3/stats?time_range=1h");
        Assert.True(stats.GetProperty("insight_path_ms").GetProperty("p50").GetDouble() > 0);
        Assert.InRange(stats.GetProperty("llm_cache_hit_rate").GetDouble(), 0.01, 1);
        var metrics = await _host.Http.GetStringAsync("/metrics");
        Assert.Contains("aiops_insight_latency_seconds_bucket", metrics);
        Assert.Contains("aiops_llm_calls_total", metrics);
        Assert.Contains("aiops_insight_fallbacks_total", metrics);
    }

    [Fact]
    public async Task A_failed_chat_call_is_tried_again_after_the_retry_delay_and_its_answer_is_used()
    {
        // llm.yaml max_retries 1, retry_delay_ms 500: the first answer is garbage, the second a good one.
        var asked = new List<DateTimeOffset>();
        _ollama.Answer = user =>
        {
            lock (asked)
            {
                asked.Add(DateTimeOffset.UtcNow);
                return asked.Count == 1 ? "not json {" : OllamaStandIn.DefaultAnswer(user);
            }
        };

        var incident = await OpenAsync(Events.Ship("retry"), "Carrier lost on beam 3", "vsat-modem", "vsat-001");
        var insight = await InsightOfAsync(incident.Id);

        Assert.Equal("llm", insight.GetProperty("insight_source").GetString());
        lock (asked)
        {
            Assert.Equal(2, asked.Count);
            Assert.True(asked[1] - asked[0] >= TimeSpan.FromMilliseconds(450), $"retried after {(asked[1] - asked[0]).TotalMilliseconds:0} ms");
        }
    }

    private async Task<(string Id, string TrackingId)> OpenAsync(string ship, string msg, string service, string device)
    {
        var trackingId = $"ins-{Guid.NewGuid():N}";
        using (await _host.PostNdjsonAsync("/api/v3/ingest/logs", [Events.Log(ship, "comms", service, "error", msg, trackingId, device: device)])) { }
        var incident = (await _host.IncidentsOfShipAsync(ship, 1))[0];
        return (incident.GetProperty("incident_id").GetString()!, trackingId);
    }

    private Task<JsonElement> InsightOfAsync(string incidentId, int timeoutMs = 15000) =>
        TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            var incident = await _host.GetJsonAsync($"/api/v3/incidents/{incidentId}");
            return incident.GetProperty("insight_source").ValueKind == JsonValueKind.String ? incident : null;
        }, $"the insight of {incidentId}", timeoutMs).ContinueWith(t => t.Result!.Value);
}
