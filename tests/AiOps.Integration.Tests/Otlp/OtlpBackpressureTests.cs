using System.Net;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Otlp;

/// <summary>OTLP ingest shares the NDJSON ingest's back-pressure: behind its bound, 503 with Retry-After, which OTLP exporters retry.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class OtlpBackpressureTests
{
    private const int Backlog = 5000;

    [Fact]
    public async Task Behind_the_backlog_bound_otlp_answers_503_with_retry_after()
    {
        var policies = PolicyFolder.Copy();
        PolicyFolder.Edit(policies, "ingest.yaml", "max_pending_events: 200000", "max_pending_events: 100");
        await using var host = await TestHost.StartAsync(settings: PolicyFolder.Settings(policies));
        var ship = Events.Ship("otlpbp");
        var backlog = new StringBuilder();
        for (var i = 0; i < Backlog; i++)
        {
            backlog.AppendLine(JsonSerializer.Serialize(Events.Log(ship, "app", "pos", "info", $"line {i} served"), AiOpsJson.Options));
        }

        HttpResponseMessage? refused = null;
        // A backlog of one service is worked off in order; an OTLP request right after it finds the Fast Path behind.
        for (var attempt = 0; attempt < 20 && refused is null; attempt++)
        {
            using var accepted = await host.PostRawAsync("/api/v3/ingest/logs", backlog.ToString(), "application/x-ndjson");
            var otlp = await host.PostRawAsync("/v1/logs", """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"x"}}]}]}]}""");
            if (otlp.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                refused = otlp;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, otlp.StatusCode);
                otlp.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(refused!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to come back");
            Assert.Contains("backpressure.max_pending_events", (await TestHost.GetJsonFromAsync(refused)).GetProperty("detail").GetString());
        }
    }
}
