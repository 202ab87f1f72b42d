using System.Text.Json;
using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Notifications;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// A day-long receiver outage under a <see cref="FakeTimeProvider"/>: the outbox rules and the real webhook sender
/// against a real HTTP receiver (Kestrel on a loopback port), with the clock jumped from one attempt to the next.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class DayLongOutageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_receiver_back_after_20_hours_gets_it_once_and_one_never_back_is_dead_lettered_at_24_hours()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var clock = new FakeTimeProvider(Start);
        var recovers = Start.AddHours(20);
        // inc-a's receiver comes back after 20 h; inc-b's never does.
        receiver.StatusFor = body =>
            JsonDocument.Parse(body).RootElement.GetProperty("incident_id").GetString() == "inc-a" && clock.GetUtcNow() >= recovers ? 200 : 503;
        var policy = PolicyLoader.Load(Path.Combine(AppContext.BaseDirectory, "policies")).Fleet.Notify;
        policy.Channels.Webhook.Url = receiver.Address + "hook";
        policy.Channels.Email.Enabled = false;
        var outboxes = new[] { "inc-a", "inc-b" }.Select(id =>
        {
            var outbox = new List<OutboxEntry>();
            NotificationPlanner.Enqueue(outbox, policy, id, "ship-1", "link_degradation", Severity.High, IncidentStatus.Open, NotificationPlanner.Opened, null, Start);
            return outbox;
        }).ToArray();
        using var http = new HttpClient();
        var sender = new WebhookSender(http, new NotificationSettings());
        var jitter = new Random(17);
        var attempts = new Dictionary<string, List<DateTimeOffset>> { ["inc-a"] = [], ["inc-b"] = [] };

        while (outboxes.Any(Outbox.AnyPending) && clock.GetUtcNow() < Start.AddDays(2))
        {
            var now = clock.GetUtcNow();
            foreach (var outbox in outboxes)
            {
                foreach (var entry in Outbox.Due(outbox, now, new Dictionary<string, DateTimeOffset>()))
                {
                    attempts[entry.IncidentId].Add(now);
                    var result = await sender.SendAsync(entry, policy, CancellationToken.None);
                    Outbox.Record(outbox, entry.Key, result.Outcome, result.Detail, null, policy, jitter.NextDouble(), now);
                }
            }

            var next = outboxes.SelectMany(o => o).Where(e => e.State == OutboxState.Pending).Select(e => e.NextAttemptAt).DefaultIfEmpty(now).Min();
            clock.SetUtcNow(next > now ? next : now);
        }

        var delivered = outboxes[0][0];
        Assert.Equal(OutboxState.Sent, delivered.State);
        Assert.InRange(delivered.DoneAt!.Value, recovers, recovers.AddSeconds(policy.RetryBackoff.MaxSec));
        Assert.Equal(1, receiver.Received.Count(r => r.Status == 200));

        var dead = outboxes[1][0];
        Assert.Equal(OutboxState.Failed, dead.State);
        Assert.Equal(Start + policy.GiveUpAfterSpan, dead.DoneAt); // the last attempt is made at the deadline itself
        Assert.Equal(attempts["inc-b"].Count, receiver.Received.Count(r => r.Body.Contains("\"inc-b\"", StringComparison.Ordinal)));

        foreach (var times in attempts.Values)
        {
            // Never more than max_sec apart, and capped backoff over a day is a few hundred attempts, not thousands.
            Assert.All(times.Zip(times.Skip(1)), p => Assert.InRange((p.Second - p.First).TotalSeconds, 0.1, policy.RetryBackoff.MaxSec));
            Assert.InRange(times.Count, 2, (int)(policy.GiveUpAfterSpan.TotalSeconds / (policy.RetryBackoff.MaxSec * 0.8)) + 20);
        }

        Assert.True(attempts["inc-b"].Count > 100, $"only {attempts["inc-b"].Count} attempts in a day");
    }
}
