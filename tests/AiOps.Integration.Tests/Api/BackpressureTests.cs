using System.Net;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Infrastructure.Ingest;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Integration.Tests.Api;

/// <summary>Overload: past its backlog bound ingest answers 503 with Retry-After, and what it accepted is processed.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class BackpressureTests
{
    private const int PendingBound = 1000;
    private const int PerRequest = 2000;
    private const int Senders = 4;

    [Fact]
    public async Task Over_the_backlog_bound_ingest_answers_503_with_retry_after_and_the_backlog_stays_bounded()
    {
        var policies = PolicyFolder.Copy();
        PolicyFolder.Edit(policies, "ingest.yaml", "max_pending_events: 200000", $"max_pending_events: {PendingBound}");
        await using var host = await TestHost.StartAsync(settings: PolicyFolder.Settings(policies));
        var sink = host.Services.GetRequiredService<IIngestSink>();
        var ship = Events.Ship("overload");

        long accepted = 0, maxPending = 0;
        HttpResponseMessage? refused = null;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var pending = sink.Lag.PendingEvents;
                if (pending > Interlocked.Read(ref maxPending))
                {
                    Interlocked.Exchange(ref maxPending, pending);
                }

                await Task.Delay(5); // the sampling interval; the loop ends with the senders or at the 60 s deadline
            }
        });

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var r = 0; !stop.IsCancellationRequested && Volatile.Read(ref refused) is null; r++)
            {
                var body = Body(ship, $"svc-{sender}", r);
                var response = await host.PostRawAsync("/api/v3/ingest/logs", body, "application/x-ndjson");
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Interlocked.Add(ref accepted, PerRequest);
                    response.Dispose();
                }
                else
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Interlocked.CompareExchange(ref refused, response, null);
                }
            }
        })));

        Assert.NotNull(refused);
        Assert.True(refused!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to come back");
        var problem = await TestHost.GetJsonFromAsync(refused);
        Assert.Contains("backpressure.max_pending_events", problem.GetProperty("detail").GetString());

        // Everything that was accepted is processed, and the backlog never grew past the bound by more than
        // the requests already admitted when it was crossed.
        await TestHost.EventuallyAsync(async () =>
            AiOps.Cli.PrometheusText.Sum(await host.Http.GetStringAsync("/metrics"), "aiops_events_processed_total") >= Interlocked.Read(ref accepted) ? (object)true : null,
            $"all {accepted} accepted events processed", 60000);
        await stop.CancelAsync();
        await watcher;
        Assert.InRange(Interlocked.Read(ref maxPending), 1, PendingBound + Senders * PerRequest);

        // Once the backlog is worked off, ingest accepts again.
        using var again = await host.PostRawAsync("/api/v3/ingest/logs", Body(ship, "svc-after", 0), "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    private static string Body(string ship, string service, int request)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < PerRequest; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(Events.Log(ship, "app", service, "info", $"request {request} line {i} served"), AiOpsJson.Options));
        }

        return lines.ToString();
    }
}
