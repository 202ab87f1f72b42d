using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Notifications;

public sealed class NotificationRulesTests
{
    private static readonly NotifyPolicy Shipped = TestPolicies.Shipped.Notify;
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Night = new(2026, 11, 25, 23, 0, 0, TimeSpan.Zero);

    private static List<OutboxEntry> Opened(DateTimeOffset now, Severity severity = Severity.High)
    {
        var outbox = new List<OutboxEntry>();
        NotificationPlanner.Enqueue(outbox, Shipped, "inc-1", "ship-a", "link_degradation", severity, IncidentStatus.Open, NotificationPlanner.Opened, null, now);
        return outbox;
    }

    [Fact]
    public void A_transition_is_enqueued_once_per_channel_however_often_it_is_seen()
    {
        var outbox = Opened(Noon);

        var again = NotificationPlanner.Enqueue(outbox, Shipped, "inc-1", "ship-a", "link_degradation", Severity.High, IncidentStatus.Open, NotificationPlanner.Opened, null, Noon);

        Assert.Equal(0, again);
        Assert.Equal(["inc-1/opened/webhook", "inc-1/opened/email"], outbox.Select(e => e.Key));
    }

    [Fact]
    public void A_failure_is_retried_with_backoff_until_the_attempts_are_used_up()
    {
        var outbox = Opened(Noon);
        var key = outbox[0].Key;

        var first = Outbox.Record(outbox, key, OutboxState.Failed, "500", null, maxAttempts: 2, Noon)!;
        Assert.Equal((OutboxState.Pending, Noon.AddSeconds(2)), (first.State, first.NextAttemptAt));
        Assert.DoesNotContain(Outbox.Due(outbox, Noon.AddSeconds(1), new Dictionary<string, DateTimeOffset>()), e => e.Key == key);

        var second = Outbox.Record(outbox, key, OutboxState.Failed, "500", null, maxAttempts: 2, Noon.AddSeconds(2))!;
        Assert.Equal(OutboxState.Failed, second.State);
        Assert.Null(Outbox.Record(outbox, key, OutboxState.Sent, null, null, 2, Noon.AddSeconds(3))); // closed stays closed
    }

    [Fact]
    public void A_leased_entry_is_not_handed_out_twice()
    {
        var outbox = Opened(Noon);
        var leases = new Dictionary<string, DateTimeOffset> { [outbox[0].Key] = Noon.AddMinutes(1) };

        Assert.Equal([outbox[1].Key], Outbox.Due(outbox, Noon, leases).Select(e => e.Key));
        Assert.Equal(2, Outbox.Due(outbox, Noon.AddMinutes(2), leases).Count);
    }

    [Fact]
    public void Quiet_hours_hold_back_only_what_is_below_their_minimum_severity()
    {
        var state = new GateState();

        Assert.Equal(Admission.Quiet, NotificationGate.Admit(state, Shipped, "webhook", Severity.Medium, Night));
        Assert.Equal(Admission.Send, NotificationGate.Admit(state, Shipped, "webhook", Severity.High, Night));
        Assert.Equal(Admission.Send, NotificationGate.Admit(state, Shipped, "webhook", Severity.Medium, Noon));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("webhook")]
    public void Over_the_channels_rate_limit_a_notification_waits_for_the_next_minute(string channel)
    {
        var state = new GateState();
        var limit = channel == "email" ? Shipped.Channels.Email.RateLimitPerMin : Shipped.Channels.Webhook.RateLimitPerMin;
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(Admission.Send, NotificationGate.Admit(state, Shipped, channel, Severity.High, Noon.AddMilliseconds(i)));
        }

        var over = NotificationGate.Admit(state, Shipped, channel, Severity.High, Noon.AddSeconds(30));

        Assert.Equal(Admission.WaitUntil(Noon.AddMinutes(1)), over);
        Assert.Equal(Admission.Send, NotificationGate.Admit(state, Shipped, "pagerduty", Severity.High, Noon.AddSeconds(31)));
        Assert.Equal(Admission.Send, NotificationGate.Admit(state, Shipped, channel, Severity.High, Noon.AddMinutes(1)));
    }

    [Fact]
    public void In_a_storm_email_turns_into_a_digest_for_the_cooldown()
    {
        var state = new GateState();
        var storm = Shipped.StormDetection;
        for (var i = 0; i <= storm.ThresholdPerMin * storm.WindowMin; i++)
        {
            NotificationGate.CountTransition(state, Shipped, Noon);
        }

        Assert.Equal(Admission.Digest, NotificationGate.Admit(state, Shipped, "email", Severity.Critical, Noon));
        Assert.Equal(Admission.Send, NotificationGate.Admit(state, Shipped, "webhook", Severity.Critical, Noon));
        Assert.NotEqual(Admission.Digest, NotificationGate.Admit(state, Shipped, "email", Severity.Critical, Noon.AddMinutes(storm.CooldownMin + 1)));
    }

    [Fact]
    public void Templates_fill_structured_fields_only_and_leave_unknown_placeholders_visible()
    {
        var entry = Opened(Noon)[0];

        Assert.Equal("New high incident: link_degradation on ship-a", NotificationText.Subject(entry, Shipped));
        Assert.Equal("ship-a {msg} {", NotificationText.Render("{ship_id} {msg} {", entry));
    }
}
