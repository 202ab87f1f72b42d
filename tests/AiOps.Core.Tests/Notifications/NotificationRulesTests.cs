using AiOps.Contracts;
using AiOps.Contracts.Grains;
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
    public void A_failure_is_retried_with_backoff_until_the_deadline_and_then_dead_lettered()
    {
        var outbox = Opened(Noon);
        var key = outbox[0].Key;

        var first = Outbox.Record(outbox, key, OutboxState.Failed, "500", null, Shipped, jitter: 0.5, Noon)!;
        Assert.Equal((OutboxState.Pending, Noon.AddSeconds(2)), (first.State, first.NextAttemptAt));
        Assert.DoesNotContain(Outbox.Due(outbox, Noon.AddSeconds(1), new Dictionary<string, DateTimeOffset>()), e => e.Key == key);

        // Far more failures than the old retry count: still pending, the last attempt lands on the deadline itself.
        var deadline = Noon + Shipped.GiveUpAfterSpan;
        var late = Outbox.Record(outbox, key, OutboxState.Failed, "500", null, Shipped, 0.5, deadline.AddSeconds(-1))!;
        Assert.Equal((OutboxState.Pending, deadline), (late.State, late.NextAttemptAt));

        var dead = Outbox.Record(outbox, key, OutboxState.Failed, "500", null, Shipped, 0.5, deadline)!;
        Assert.Equal(OutboxState.Failed, dead.State);
        Assert.Null(Outbox.Record(outbox, key, OutboxState.Sent, null, null, Shipped, 0.5, deadline.AddSeconds(3))); // closed stays closed
    }

    [Fact]
    public void A_retried_dead_letter_gets_a_fresh_deadline_and_a_sent_one_cannot_be_retried()
    {
        var outbox = Opened(Noon);
        var deadline = Noon + Shipped.GiveUpAfterSpan;
        Outbox.Record(outbox, outbox[0].Key, OutboxState.Failed, "500", null, Shipped, 0.5, deadline);
        Outbox.Record(outbox, outbox[1].Key, OutboxState.Sent, null, null, Shipped, 0.5, Noon);

        var retried = Outbox.Retry(outbox, outbox[0].Key, Shipped, deadline.AddHours(1))!;

        Assert.Equal((OutboxState.Pending, deadline.AddHours(1)), (retried.State, retried.NextAttemptAt));
        Assert.Equal(deadline.AddHours(1) + Shipped.GiveUpAfterSpan, Outbox.DeadlineOf(retried, Shipped));
        Assert.Null(Outbox.Retry(outbox, outbox[1].Key, Shipped, deadline));
    }

    [Theory]
    [InlineData(1, 0.0, 1.6)]
    [InlineData(1, 0.999999, 2.4)]
    [InlineData(4, 0.5, 16)]
    [InlineData(40, 0.999999, 300)] // capped: jitter never lifts a wait above max_sec
    [InlineData(40, 0.0, 240)]
    public void Backoff_doubles_with_jitter_up_to_its_cap(int attempts, double jitter, double seconds)
    {
        Assert.Equal(seconds, NotificationPlanner.Backoff(attempts, Shipped.RetryBackoff, jitter).TotalSeconds, 3);
    }

    [Fact]
    public void A_failed_attempt_gives_its_rate_limit_slot_back()
    {
        var state = new GateState();
        var limit = NotificationGate.RateLimitOf(Shipped, "webhook");
        var minute = Noon.ToUnixTimeSeconds() / 60;
        for (var i = 0; i < limit * 3; i++)
        {
            Assert.Equal(Admission.Send, NotificationGate.TakeRate(state, Shipped, "webhook", Noon));
            Assert.True(NotificationGate.GiveBack(state, "webhook", minute)); // the receiver was down
        }

        Assert.Equal(Admission.Send, NotificationGate.TakeRate(state, Shipped, "webhook", Noon));
        Assert.False(NotificationGate.GiveBack(state, "webhook", minute - 1)); // another minute's count is not touched
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
    public void An_entry_on_a_channel_waiting_for_its_rate_limit_is_due_when_the_wait_ends_and_the_next_due_time_says_so()
    {
        var outbox = Opened(Noon);
        var waiting = outbox[0].Channel;
        var other = outbox[1];
        var leases = new Dictionary<string, DateTimeOffset> { [other.Key] = Noon.AddSeconds(30) };
        DateTimeOffset? Wait(string channel) => channel == waiting ? Noon.AddMinutes(1) : null;

        Assert.Empty(Outbox.Due(outbox, Noon, leases, Wait));
        Assert.Equal(Noon.AddSeconds(30), Outbox.NextDueAt(outbox, Noon, leases, Wait)); // the lease ends first
        Assert.Equal([other.Key], Outbox.Due(outbox, Noon.AddSeconds(30), leases, Wait).Select(e => e.Key));
        Assert.Equal(Noon.AddMinutes(1), Outbox.NextDueAt(outbox, Noon.AddSeconds(30), leases, Wait));
        Assert.Equal(2, Outbox.Due(outbox, Noon.AddMinutes(1), leases, Wait).Count);
        Assert.Null(Outbox.NextDueAt(outbox, Noon.AddMinutes(1), leases, Wait)); // all due: nothing to wait for

        Outbox.Record(outbox, outbox[0].Key, OutboxState.Sent, null, null, Shipped, 0.5, Noon);
        Outbox.Record(outbox, other.Key, OutboxState.Sent, null, null, Shipped, 0.5, Noon);
        Assert.Null(Outbox.NextDueAt(outbox, Noon, leases, Wait)); // nothing pending
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
