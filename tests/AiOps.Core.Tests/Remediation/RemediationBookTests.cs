using AiOps.Contracts.Remediation;
using AiOps.Core.Policy;
using AiOps.Core.Remediation;

namespace AiOps.Core.Tests.Remediation;

public sealed class RemediationBookTests
{
    private static readonly RemediatePolicy Shipped = TestPolicies.Shipped.Remediate;

    // Sunday 2026-11-29 03:00 UTC is inside the shipped weekly window (Sunday 02:00-04:00 UTC).
    private static readonly DateTimeOffset InWindow = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OutOfWindow = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static ActionRequest Request(string action, string by = "erik", bool dryRun = false, bool suggested = false, string service = "vsat") =>
        new($"exec-{Guid.NewGuid():N}", action, "ship-a", service, "inc-1", by, "link flapping", dryRun, suggested);

    [Fact]
    public void An_auto_approved_low_risk_action_runs_at_once_and_then_cools_down()
    {
        var state = new RemediationState();

        var first = RemediationBook.Request(state, Request("restart_service"), Shipped, OutOfWindow);
        var second = RemediationBook.Request(state, Request("restart_service", by: "emma"), Shipped, OutOfWindow.AddSeconds(10));

        Assert.Equal(RemediationDecision.Run, first.Outcome);
        Assert.Equal(RemediationDecision.Refuse, second.Outcome);
        Assert.Equal(429, second.RefusalStatus);
        Assert.Equal(OutOfWindow.AddSeconds(Shipped.Actions["restart_service"].CooldownSec), second.AvailableAt);
    }

    [Fact]
    public void The_cooldown_is_per_target_and_ends_when_it_says()
    {
        var state = new RemediationState();
        RemediationBook.Request(state, Request("restart_service"), Shipped, OutOfWindow);

        var otherService = RemediationBook.Request(state, Request("restart_service", service: "pms"), Shipped, OutOfWindow);
        var afterCooldown = RemediationBook.Request(state, Request("restart_service"), Shipped, OutOfWindow.AddSeconds(Shipped.Actions["restart_service"].CooldownSec));

        Assert.Equal(RemediationDecision.Run, otherService.Outcome);
        Assert.Equal(RemediationDecision.Run, afterCooldown.Outcome);
    }

    [Fact]
    public void A_two_person_action_needs_two_different_engineers_neither_the_requester()
    {
        var state = new RemediationState();
        var requested = RemediationBook.Request(state, Request("failover_path", by: "erik"), Shipped, InWindow);
        var id = requested.Execution!.ExecutionId;

        var self = RemediationBook.Approve(state, id, "erik", null, Shipped, InWindow);
        var first = RemediationBook.Approve(state, id, "emma", "ok", Shipped, InWindow);
        var again = RemediationBook.Approve(state, id, "EMMA", null, Shipped, InWindow);
        var second = RemediationBook.Approve(state, id, "ada", null, Shipped, InWindow);

        Assert.Equal(RemediationDecision.Wait, requested.Outcome);
        Assert.Equal(2, requested.Execution.ApprovalsRequired);
        Assert.Equal((RemediationDecision.Refuse, 409), (self.Outcome, self.RefusalStatus));
        Assert.Equal(RemediationDecision.Wait, first.Outcome);
        Assert.Equal((RemediationDecision.Refuse, 409), (again.Outcome, again.RefusalStatus));
        Assert.Equal(RemediationDecision.Run, second.Outcome);
        Assert.Equal(["emma", "ada"], second.Execution!.Approvals.Select(a => a.By));
    }

    [Fact]
    public void A_risky_action_waits_for_a_maintenance_window_but_a_dry_run_does_not()
    {
        var state = new RemediationState();
        var id = RemediationBook.Request(state, Request("failover_path"), Shipped, OutOfWindow).Execution!.ExecutionId;
        RemediationBook.Approve(state, id, "emma", null, Shipped, OutOfWindow);

        var outside = RemediationBook.Approve(state, id, "ada", null, Shipped, OutOfWindow);
        var inside = RemediationBook.Approve(state, id, "ada", null, Shipped, InWindow);
        var dryRun = RemediationBook.Request(state, Request("reset_connection", dryRun: true), Shipped, OutOfWindow);

        Assert.Equal((RemediationDecision.Refuse, 409), (outside.Outcome, outside.RefusalStatus));
        Assert.Contains("weekly_maintenance", outside.Problem);
        Assert.Equal(RemediationDecision.Run, inside.Outcome);
        Assert.Equal(RemediationDecision.Wait, dryRun.Outcome); // one approval by default, but no window needed
    }

    [Fact]
    public void An_insight_suggestion_is_never_auto_approved()
    {
        var state = new RemediationState();

        var suggested = RemediationBook.Request(state, Request("restart_service", suggested: true), Shipped, OutOfWindow);

        Assert.Equal(RemediationDecision.Wait, suggested.Outcome);
        Assert.Equal(1, suggested.Execution!.ApprovalsRequired);
    }

    [Fact]
    public void An_action_outside_the_allow_list_is_refused_by_name()
    {
        var refused = RemediationBook.Request(new RemediationState(), Request("rm_rf_root"), Shipped, OutOfWindow);

        Assert.Equal((RemediationDecision.Refuse, 404), (refused.Outcome, refused.RefusalStatus));
        Assert.StartsWith("action: 'rm_rf_root'", refused.Problem);
    }

    [Fact]
    public void A_rejected_request_can_no_longer_be_approved()
    {
        var state = new RemediationState();
        var id = RemediationBook.Request(state, Request("clear_cache", suggested: true), Shipped, OutOfWindow).Execution!.ExecutionId;

        RemediationBook.Reject(state, id, "emma", OutOfWindow);
        var late = RemediationBook.Approve(state, id, "ada", null, Shipped, OutOfWindow);

        Assert.Equal(ExecutionStatus.Rejected, state.Executions[id].Status);
        Assert.Equal((RemediationDecision.Refuse, 409), (late.Outcome, late.RefusalStatus));
    }
}
