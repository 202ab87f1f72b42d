using AiOps.Contracts;
using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Grains.Monitoring;
using AiOps.Grains.Storage;
using AiOps.Insight;
using Microsoft.Extensions.Logging;

namespace AiOps.Grains.Incidents;

/// <summary>
/// One incident: its state survives restarts; the incident index gets its summary whenever that changes. Insight work
/// it asks for is recorded as owed in the same write, and a durable reminder (<c>llm.yaml owed_reminder_sec</c>)
/// asks again until it is done, so the in-memory insight queue losing it (restart, failover) costs a delay only.
/// </summary>
public sealed partial class IncidentGrain(
    [PersistentState("incident", StorageNames.Durable)] IPersistentState<IncidentState> state,
    PolicyRuntime policy,
    IInsightQueue insights,
    Analytics.IAnalyticsSink analytics,
    TimeProvider clock,
    Core.Tracing.ITraceStore traces,
    IIncidentIndex index,
    INotificationHandoff notifier,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IRemindable
{
    private const string OwedReminder = "insight-owed";
    private const string HandoffReminder = "handoff-pending";
    private bool _reminderRegistered;
    private DateTimeOffset _lastRequested = DateTimeOffset.MinValue;
    private IncidentSummary? _published;

    public async Task<IncidentChangeResult> ApplyAsync(IncidentChange change)
    {
        var now = clock.GetUtcNow();
        var severityBefore = state.State.Severity;
        var reopened = change.Reopen && state.State.Exists
            && IncidentMerging.Reopen(state.State, "correlation", "its correlation key fired again", now) is null;
        var opened = IncidentRecord.Apply(state.State, change, policy.For(change.ShipId).Correlate, now, policy.RedactorFor(change.ShipId, "incident_evidence"));
        AlertMembership.Note(state.State, change);
        var transition = opened ? NotificationPlanner.Opened
            : reopened ? IncidentMerging.Reopened
            : state.State.Severity > severityBefore ? NotificationPlanner.Escalated(state.State.Severity) : null;
        var insightWanted = (opened || state.State.Severity > severityBefore) && OweInsight(OwedInsight.Narrate, now);
        var movedOut = TakeUntoldMoves();
        try
        {
            await EnqueueNotificationsAsync(transition, null, now);
            await state.WriteStateAsync();
        }
        catch
        {
            // The members are marked as applied in memory only: the correlation grain's retry must find them new.
            await state.RollBackAsync(this);
            throw;
        }

        OfferDueNotifications();
        await PublishAsync();
        if (opened)
        {
            using var scope = LogScopes.ForIncident(logger, change.IncidentId, change.ShipId);
            LogOpened(logger, state.State.IncidentType, state.State.Severity, state.State.AnomalyCount);
        }

        if (insightWanted)
        {
            RequestInsight(InsightWork.Narrate, now);
            await KeepReminderAsync();
        }

        return new IncidentChangeResult(now, opened, state.State.Status, movedOut);
    }

    /// <summary>Splits finished after their call answered, for this answer to the correlation key (written with it).</summary>
    private List<IncidentHandoff>? TakeUntoldMoves()
    {
        if (state.State.UntoldMoves.Count == 0)
        {
            return null;
        }

        var moves = state.State.UntoldMoves;
        state.State.UntoldMoves = [];
        return moves;
    }

    public Task<Incident?> GetAsync() =>
        Task.FromResult(state.State.Exists ? IncidentRecord.ToIncident(state.State) : null);

    public async Task<StatusChangeResult?> ChangeStatusAsync(StatusChangeRequest request)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var conflict = IncidentRecord.ChangeStatus(state.State, request, now);
        if (conflict is not null)
        {
            return new StatusChangeResult(null, conflict);
        }

        await EnqueueNotificationsAsync(IncidentTransitions.Name(request.Status), request.Actor, now);
        var learningWanted = state.State.Status == IncidentStatus.Resolved && OweInsight(OwedInsight.Learn, now);
        await state.WriteStateAsync();
        OfferDueNotifications();
        await PublishAsync();
        var incident = state.State;
        if (learningWanted)
        {
            RequestInsight(InsightWork.Learn, now);
            await KeepReminderAsync();
        }

        using var scope = LogScopes.ForIncident(logger, incident.IncidentId, incident.ShipId);
        LogStatusChanged(logger, incident.Status, request.Actor);
        return new StatusChangeResult(IncidentRecord.ToIncident(incident), null, StatusChanged: StatusChangeAt(now));
    }

    public async Task<IncidentStatusChanged?> AlertsResolvedAsync(IReadOnlyList<string> fingerprints, DateTimeOffset resolvedAt)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var allResolved = AlertMembership.Resolve(state.State, fingerprints.ToHashSet(StringComparer.Ordinal), resolvedAt);
        if (allResolved && policy.For(state.State.ShipId).Correlate.AutoResolveOnAlertsResolved)
        {
            var resolved = await ChangeStatusAsync(new StatusChangeRequest(IncidentStatus.Resolved, "every alert of this incident was resolved by its sender", "alertmanager"));
            return resolved?.StatusChanged;
        }

        await state.WriteStateAsync();
        await PublishAsync();
        return null;
    }

    public async Task ApplyInsightAsync(InsightResult insight)
    {
        if (!state.State.Exists)
        {
            return;
        }

        var incident = state.State;
        IncidentTimeline.ApplyInsight(incident, insight);
        await state.WriteStateAsync();
        await PublishAsync();
        await DropReminderIfSettledAsync();

        var stage = new TraceStage("insight", insight.CompletedAt, insight.Source, insight.Detail);
        traces.Record(incident.TrackingIds
            .Select(id => new TraceRecord { TrackingId = id, Status = "complete", Stages = [stage], IncidentId = incident.IncidentId })
            .ToList());

        using var scope = LogScopes.ForIncident(logger, incident.IncidentId, incident.ShipId);
        LogInsight(logger, insight.Source, (insight.CompletedAt - insight.RequestedAt).TotalMilliseconds);
    }

    public async Task LearnedAsync(DateTimeOffset requestedAt)
    {
        if (state.State.Exists && InsightDebt.SettleLearning(state.State, requestedAt))
        {
            await state.WriteStateAsync();
            await DropReminderIfSettledAsync();
        }
    }

    /// <summary>
    /// Any activation asks again for what is owed: after a restart or failover the queue that held the request
    /// is gone (the queue folds a request already waiting into it). A pending handoff is delivered as well.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.PendingHandoff is not null)
        {
            // Members given away before a crash: hand them over now, outside the activation (whatever called
            // this incident must not wait on the other one).
            this.RegisterGrainTimer(async _ => await DeliverHandoffAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }

        if (InsightDebt.Owes(state.State) && !await ForgetIfInsightOffAsync())
        {
            RequestOwedInsights();
            await KeepReminderAsync();
        }
    }

    /// <summary>The owed-insight reminder: asks again while something is owed, and goes away once nothing is.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == HandoffReminder)
        {
            await (state.State.PendingHandoff is null ? DropHandoffReminderAsync() : DeliverHandoffAsync());
            return;
        }

        if (reminderName != OwedReminder)
        {
            return;
        }

        if (InsightDebt.Owes(state.State) && !await ForgetIfInsightOffAsync())
        {
            // The tick that activated this incident follows the activation's own request: asking twice could
            // give the incident two insights (the queue folds only requests still waiting, not one in progress).
            if (clock.GetUtcNow() - _lastRequested >= OwedPeriod / 2)
            {
                using var scope = LogScopes.ForIncident(logger, state.State.IncidentId, state.State.ShipId);
                LogInsightOwed(logger, string.Join(", ", state.State.OwedInsights.Select(o => o.Work)));
                RequestOwedInsights();
            }
        }
        else
        {
            _reminderRegistered = true;
            await DropReminderIfSettledAsync();
        }
    }

    public async Task DeleteAsync()
    {
        await state.ClearStateAsync();
        state.State = new IncidentState();
        _published = null;
        _reminderRegistered |= await this.GetReminder(OwedReminder) is not null;
        await DropReminderIfSettledAsync();
        DeactivateOnIdle();
    }

    /// <summary>The status just changed, answered to the correlation key that asked for it, whose window and keys follow it.</summary>
    private IncidentStatusChanged StatusChangeAt(DateTimeOffset now)
    {
        var incident = state.State;
        return new IncidentStatusChanged
        {
            IncidentId = incident.IncidentId,
            Status = incident.Status,
            ChangedAt = now,
            LastEventTs = incident.LastEventTs,
            SuppressKeys = incident.SuppressKeys.ToList(),
            MergedInto = incident.MergedInto,
        };
    }

    private async Task PublishAsync()
    {
        analytics.Incident(IncidentRecord.ToIncident(state.State));
        var summary = IncidentRecord.ToSummary(state.State);
        if (summary != _published)
        {
            await index.UpsertAsync(summary);
            _published = summary;
        }
    }

    /// <summary>Records <paramref name="work"/> as owed, to be written with the change; false when the ship's Insight Path is off.</summary>
    private bool OweInsight(string work, DateTimeOffset now)
    {
        if (!InsightOn())
        {
            return false;
        }

        InsightDebt.Owe(state.State, work, now);
        return true;
    }

    private bool InsightOn()
    {
        var ship = policy.For(state.State.ShipId);
        return ship.Llm.Enabled && ship.Feature("enable_llm_enrichment");
    }

    /// <summary>
    /// The ship's Insight Path was turned off since the work was owed: it would never be done, so it is
    /// forgotten (and the reminder with it) rather than asked for forever. True if it was forgotten.
    /// </summary>
    private async Task<bool> ForgetIfInsightOffAsync()
    {
        if (InsightOn())
        {
            return false;
        }

        state.State.OwedInsights.Clear();
        await state.WriteStateAsync();
        _reminderRegistered |= await this.GetReminder(OwedReminder) is not null;
        await DropReminderIfSettledAsync();
        return true;
    }

    /// <summary>Hands the incident to the Insight Path; never waits (see <see cref="IInsightQueue"/>).</summary>
    private void RequestInsight(InsightWork work, DateTimeOffset requestedAt)
    {
        var ship = policy.For(state.State.ShipId);
        var priority = ship.Llm.PriorityBySeverity.GetValueOrDefault(state.State.Severity.ToString().ToLowerInvariant(), 5);
        insights.Enqueue(new InsightRequest(state.State.IncidentId, state.State.ShipId, priority, requestedAt, work)
        {
            Incident = IncidentRecord.ToIncident(state.State),
        });
        _lastRequested = clock.GetUtcNow();
    }

    private TimeSpan OwedPeriod => TimeSpan.FromSeconds(policy.Fleet.Llm.OwedReminderSec);

    private void RequestOwedInsights()
    {
        foreach (var owed in state.State.OwedInsights)
        {
            RequestInsight(owed.Work == OwedInsight.Learn ? InsightWork.Learn : InsightWork.Narrate, owed.RequestedAt);
        }
    }

    /// <summary>Registers the owed-insight reminder once per activation (it is durable: it outlives this one).</summary>
    private async Task KeepReminderAsync()
    {
        if (_reminderRegistered)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(OwedReminder, OwedPeriod, OwedPeriod);
            _reminderRegistered = true;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or IOException)
        {
            // The change is written and the insight requested; the next activation registers the reminder.
            using var scope = LogScopes.ForIncident(logger, state.State.IncidentId, state.State.ShipId);
            LogReminderFailed(logger, e);
        }
    }

    private async Task DropReminderIfSettledAsync()
    {
        if (!_reminderRegistered || InsightDebt.Owes(state.State))
        {
            return;
        }

        try
        {
            if (await this.GetReminder(OwedReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderRegistered = false;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or IOException)
        {
            // Harmless: a tick that finds nothing owed removes the reminder.
            using var scope = LogScopes.ForIncident(logger, state.State.IncidentId, state.State.ShipId);
            LogReminderRemovalFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Handing members to {OtherIncident} ({Kind}) is pending: it could not be reached; retrying")]
    private static partial void LogHandoffPending(ILogger logger, string kind, string otherIncident, Exception error);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "{OtherIncident} did not take the members of a {Kind}: {Reason}; they stay on this incident")]
    private static partial void LogHandoffRefused(ILogger logger, string kind, string otherIncident, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Removing the owed-insight reminder failed; its next tick removes it")]
    private static partial void LogReminderRemovalFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Registering the owed-insight reminder failed; the incident asks again when next activated")]
    private static partial void LogReminderFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Insight still owed ({Work}); asking the Insight Path again")]
    private static partial void LogInsightOwed(ILogger logger, string work);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Insight from {Source} written after {LatencyMs} ms")]
    private static partial void LogInsight(ILogger logger, string source, double latencyMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Incident opened: {IncidentType}, severity {Severity}, {AnomalyCount} anomalies")]
    private static partial void LogOpened(ILogger logger, string incidentType, Severity severity, int anomalyCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Incident status changed to {Status} by {Actor}")]
    private static partial void LogStatusChanged(ILogger logger, IncidentStatus status, string actor);
}
