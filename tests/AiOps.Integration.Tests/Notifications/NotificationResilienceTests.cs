using System.Net;
using System.Net.Sockets;
using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Notifications;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// The notification channels' HTTP clients as the host registers them (IHttpClientFactory with a resilience
/// handler): the channel's timeout_sec bounds each attempt, and notify.yaml delivery_breaker opens the circuit
/// after repeated failures, so attempts fail at once without reaching the receiver. Neither retries.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class NotificationResilienceTests
{
    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_attempts_do_not_reach_the_receiver()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.StatusFor = _ => 503;
        var folder = PolicyFolder.Copy();
        PolicyFolder.Edit(folder, "notify.yaml", "minimum_throughput: 5", "minimum_throughput: 3");
        PolicyFolder.Edit(folder, "notify.yaml", "break_sec: 30", "break_sec: 600");
        var (sender, policy) = Webhook(folder);
        policy.Channels.Webhook.Url = receiver.Address + "hook";

        var first = new List<SendResult>();
        for (var i = 0; i < 3; i++)
        {
            first.Add(await sender.SendAsync(Entry(policy, $"inc-{i}"), policy, CancellationToken.None));
        }

        var afterwards = await sender.SendAsync(Entry(policy, "inc-late"), policy, CancellationToken.None);

        Assert.All(first, r => Assert.Contains("answered 503", r.Detail));
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(OutboxState.Failed, afterwards.Outcome);
        Assert.Contains("circuit is open", afterwards.Detail);
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_given_up_after_the_channels_timeout_once()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        // A receiver that takes the connection and never answers.
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<Socket>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Enqueue(await silent.AcceptSocketAsync());
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                // the test is over
            }
        });
        var (sender, policy) = Webhook(PolicyFolder.Copy());
        policy.Channels.Webhook.Url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/hook";
        policy.Channels.Webhook.TimeoutSec = 1;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await sender.SendAsync(Entry(policy, "inc-silent"), policy, CancellationToken.None);

        Assert.Equal(OutboxState.Failed, result.Outcome);
        Assert.Contains("timed out after 1 s", result.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Single(accepted);
    }

    private static (INotificationSender Sender, NotifyPolicy Policy) Webhook(string policyFolder)
    {
        var bundle = PolicyLoader.Load(policyFolder);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new PolicyRuntime(new StaticPolicyProvider(bundle)))
            .AddAiOpsNotificationSenders(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        return (services.GetServices<INotificationSender>().Single(s => s.Channel == "webhook"), bundle.Fleet.Notify);
    }

    private static OutboxEntry Entry(NotifyPolicy policy, string incidentId)
    {
        var outbox = new List<OutboxEntry>();
        NotificationPlanner.Enqueue(outbox, policy, incidentId, "ship-1", "link_degradation", Severity.High, IncidentStatus.Open,
            NotificationPlanner.Opened, null, DateTimeOffset.UtcNow);
        return outbox.Single(e => e.Channel == "webhook");
    }
}
