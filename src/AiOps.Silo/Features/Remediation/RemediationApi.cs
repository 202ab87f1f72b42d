using AiOps.Contracts.Grains;
using AiOps.Contracts.Remediation;
using AiOps.Core.Ingest;
using AiOps.Core.Policy;
using AiOps.Core.Remediation;
using AiOps.Silo.Features.Audit;
using AiOps.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiOps.Silo.Features.Remediation;

/// <summary>
/// <c>/api/v3/actions</c> (the allow-list with cooldowns, execute, one execution) and <c>/api/v3/approvals</c>
/// (pending, mine, approve, reject). Every request, approval, rejection and execution goes to the audit trail.
/// </summary>
public static class RemediationApi
{
    public static IEndpointRouteBuilder MapRemediationApi(this IEndpointRouteBuilder routes)
    {
        var actions = routes.MapGroup("/api/v3/actions");
        actions.MapGet("/", ListActionsAsync).RequireAuthorization(Roles.ReadPolicy);
        actions.MapGet("/executions/{id}", GetExecutionAsync).RequireAuthorization(Roles.ReadPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        actions.MapPost("/{action}/execute", ExecuteAsync).RequireAuthorization(Roles.OperatePolicy).RequireRateLimiting(SecurityRegistration.WriteRateLimit)
            .WithDecisionResponses();
        actions.WithTags("Actions");

        var approvals = routes.MapGroup("/api/v3/approvals").RequireAuthorization(Roles.OperatePolicy);
        approvals.MapGet("/", ListApprovalsAsync);
        approvals.MapPost("/{id}/approve", ApproveAsync).RequireRateLimiting(SecurityRegistration.WriteRateLimit).WithDecisionResponses();
        approvals.MapPost("/{id}/reject", RejectAsync).RequireRateLimiting(SecurityRegistration.WriteRateLimit).WithDecisionResponses();
        approvals.WithTags("Actions");
        return routes;
    }

    /// <summary>What a decision can answer: the execution (200 done or refused as recorded, 202 running) or a problem.</summary>
    private static RouteHandlerBuilder WithDecisionResponses(this RouteHandlerBuilder route) => route
        .Produces<ActionExecution>(StatusCodes.Status200OK)
        .Produces<ActionExecution>(StatusCodes.Status202Accepted)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<ActionCatalog>> ListActionsAsync(IGrainFactory grains, PolicyRuntime policy, TimeProvider clock, string? ship_id)
    {
        var remediate = policy.For(ship_id ?? "").Remediate;
        var cooldowns = await Book(grains).CooldownsAsync();
        var list = remediate.AllowedActions.Where(remediate.Actions.ContainsKey).Select(name =>
        {
            var action = remediate.Actions[name];
            var cooling = cooldowns.Where(c => c.Key.StartsWith(name + " ", StringComparison.Ordinal))
                .Select(c => new ActionCooldown(c.Key[(name.Length + 1)..], c.Value)).ToList();
            return new ActionView(name, action.Risk, action.CooldownSec, RemediationBook.ApprovalsRequired(name, false, remediate),
                action.RequiresPreCheck, action.RequiresPostCheck, action.MaxRetries, action.TimeoutSec, cooling);
        }).ToList();
        var window = MaintenanceCalendar.WindowAt(clock.GetUtcNow(), remediate.MaintenanceWindows);
        return TypedResults.Ok(new ActionCatalog(list, window?.Name, remediate.MaintenanceWindows));
    }

    private static async Task<Results<Ok<ActionExecution>, ProblemHttpResult>> GetExecutionAsync(string id, IGrainFactory grains) =>
        await Book(grains).GetAsync(id) is { } execution
            ? TypedResults.Ok(execution)
            : TypedResults.Problem(statusCode: 404, title: "Execution not found", detail: $"No execution has the id '{id}'.");

    private static async Task<IResult> ExecuteAsync(string action, ExecuteBody body, HttpContext http, IGrainFactory grains, PolicyRuntime policy, ActionRunner runner, AuditTrail audit)
    {
        var actor = http.User.ActorName();
        var executionId = $"exec-{Guid.NewGuid():N}";
        var (ship, service) = (FieldRules.ShipId(body.ShipId), FieldRules.Name(body.Service, "service"));
        var decision = await Book(grains).RequestAsync(new ActionRequest(executionId, action, ship, service, body.IncidentId, actor, body.Reason, body.DryRun, body.SuggestedByInsight));
        await audit.RecordAsync(actor, "action_request", $"action:{action}:{ship}/{service}", decision.Outcome == RemediationDecision.Refuse ? "refused" : "accepted",
            Details(("execution_id", executionId), ("dry_run", body.DryRun ? "true" : "false"), ("reason", body.Reason)), decision.Problem, ship);
        return await FollowAsync(decision, http, grains, policy, runner, audit);
    }

    private static async Task<Ok<List<ActionExecution>>> ListApprovalsAsync(HttpContext http, IGrainFactory grains, string? mine)
    {
        var pending = await Book(grains).ListAsync(ExecutionStatus.PendingApproval, 500);
        var me = http.User.ActorName();
        return TypedResults.Ok(mine is "true" or "1"
            ? pending.Where(e => e.RequestedBy == me).ToList()
            : pending.ToList());
    }

    private static async Task<IResult> ApproveAsync(string id, ApprovalBody? body, HttpContext http, IGrainFactory grains, PolicyRuntime policy, ActionRunner runner, AuditTrail audit)
    {
        var comment = body?.Comment;
        var actor = http.User.ActorName();
        var decision = await Book(grains).ApproveAsync(id, actor, comment);
        await audit.RecordAsync(actor, "approval", $"execution:{id}", decision.Outcome == RemediationDecision.Refuse ? "refused" : "approved",
            Details(("comment", comment)), decision.Problem, decision.Execution?.ShipId ?? "fleet");
        return await FollowAsync(decision, http, grains, policy, runner, audit);
    }

    private static async Task<IResult> RejectAsync(string id, RejectionBody? body, HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var reason = body?.Reason;
        var actor = http.User.ActorName();
        var decision = await Book(grains).RejectAsync(id, actor);
        await audit.RecordAsync(actor, "rejection", $"execution:{id}", decision.Outcome == RemediationDecision.Refuse ? "refused" : "rejected",
            Details(("reason", reason)), decision.Problem, decision.Execution?.ShipId ?? "fleet");
        return decision.Outcome == RemediationDecision.Refuse
            ? Refusal(http, decision)
            : TypedResults.Ok(decision.Execution);
    }

    /// <summary>Runs what the book let through and records its outcome; reports a wait or a refusal as it is.</summary>
    private static async Task<IResult> FollowAsync(RemediationDecision decision, HttpContext http, IGrainFactory grains, PolicyRuntime policy, ActionRunner runner, AuditTrail audit)
    {
        if (decision.Outcome == RemediationDecision.Refuse)
        {
            return Refusal(http, decision);
        }

        var execution = decision.Execution!;
        if (decision.Outcome == RemediationDecision.Wait)
        {
            return TypedResults.Accepted($"/api/v3/actions/executions/{execution.ExecutionId}", execution);
        }

        // The run outlives a dropped connection: an action half-done must still be recorded.
        var (status, steps, error) = await runner.RunAsync(execution, policy.For(execution.ShipId).Remediate, CancellationToken.None);
        var finished = await Book(grains).CompleteAsync(execution.ExecutionId, status, steps, error);
        await audit.RecordAsync(http.User.ActorName(), "action_execution", $"execution:{execution.ExecutionId}", status,
            Details(("action", execution.Action), ("target", execution.Target), ("approvers", string.Join(",", execution.Approvals.Select(a => a.By)))), error, execution.ShipId);
        return TypedResults.Ok(finished);
    }

    private static IResult Refusal(HttpContext http, RemediationDecision decision)
    {
        var extensions = new Dictionary<string, object?>();
        if (decision.AvailableAt is { } availableAt)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((availableAt - DateTimeOffset.UtcNow).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            extensions["available_at"] = availableAt;
        }

        return TypedResults.Problem(statusCode: decision.RefusalStatus, title: "Action refused", detail: decision.Problem, extensions: extensions);
    }

    private static Dictionary<string, string> Details(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

    private static IRemediationGrain Book(IGrainFactory grains) => grains.GetGrain<IRemediationGrain>(IRemediationGrain.FleetKey);
}

public sealed record ActionCooldown(string Target, DateTimeOffset AvailableAt);

public sealed record ActionView(string Action, string Risk, int CooldownSec, int ApprovalsRequired, bool RequiresPreCheck,
    bool RequiresPostCheck, int MaxRetries, int TimeoutSec, IReadOnlyList<ActionCooldown> CoolingDown);

public sealed record ActionCatalog(IReadOnlyList<ActionView> Actions, string? InMaintenanceWindow, IReadOnlyList<MaintenanceWindow> MaintenanceWindows);
