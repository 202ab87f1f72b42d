using AiOps.Contracts.Grains;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Grains.Monitoring;
using AiOps.Grains.Storage;

namespace AiOps.Grains.Incidents;

/// <summary>The operator's workflow on one incident: comments, assignment, reopen, link, merge and split.</summary>
public sealed partial class IncidentGrain
{
    public Task<StatusChangeResult?> CommentAsync(string author, string text) =>
        ChangeAsync((s, now) => IncidentWorkflow.AddComment(s, author, text, now, policy.For(s.ShipId).Correlate), statusChanged: false);

    public Task<StatusChangeResult?> AssignAsync(string? owner, string actor) =>
        ChangeAsync((s, now) =>
        {
            IncidentWorkflow.Assign(s, owner, actor, now);
            return null;
        }, statusChanged: false);

    public async Task<StatusChangeResult?> ReopenAsync(string actor, string? comment)
    {
        var result = await ChangeAsync((s, now) => IncidentMerging.Reopen(s, actor, comment, now), statusChanged: true);
        if (result?.Incident is not null)
        {
            await EnqueueNotificationsAsync(IncidentMerging.Reopened, actor, clock.GetUtcNow());
            await state.WriteStateAsync();
            OfferDueNotifications();
        }

        return result;
    }

    public Task<StatusChangeResult?> LinkAsync(string otherId, string actor) =>
        ChangeAsync((s, now) =>
        {
            IncidentMerging.Link(s, otherId, actor, now);
            return null;
        }, statusChanged: false);

    public async Task<StatusChangeResult?> MergeIntoAsync(string intoId, string actor)
    {
        // The reminder comes first: whatever happens after the merge is written, something delivers it.
        await KeepHandoffReminderAsync();
        var merged = await ChangeAsync((s, now) => IncidentMerging.StartMerge(s, intoId, actor, now), statusChanged: true);
        if (merged?.Incident is null)
        {
            return await RefusedAsync(merged);
        }

        // Merged here whether or not the other incident could take the members yet: the key hears it now.
        var delivered = await DeliverHandoffAsync(callerHearsOfIt: true);
        return (delivered ?? merged) with { StatusChanged = merged.StatusChanged };
    }

    public async Task<StatusChangeResult?> AbsorbAsync(IncidentHandoff handoff)
    {
        if (state.State is { Exists: true, Status: Contracts.IncidentStatus.Merged, MergedInto: { } onward } && onward != handoff.FromIncidentId)
        {
            // Merged itself since the merge was asked for: the members go where this incident's went.
            return await GrainFactory.GetGrain<IIncidentGrain>(onward).AbsorbAsync(handoff);
        }

        return await ChangeAsync((s, now) =>
        {
            if (s.Status == Contracts.IncidentStatus.Merged)
            {
                return $"the incident was merged into {s.MergedInto} itself";
            }

            IncidentMerging.Absorb(s, handoff, now, policy.For(s.ShipId).Correlate);
            return null;
        }, statusChanged: false);
    }

    public async Task<StatusChangeResult?> SplitOutAsync(IReadOnlyList<string> trackingIds, string newId, string actor)
    {
        await KeepHandoffReminderAsync();
        var result = await ChangeAsync((s, now) => IncidentMerging.SplitOut(s, trackingIds, newId, actor, now), statusChanged: false);
        return result?.Incident is null ? await RefusedAsync(result) : await DeliverHandoffAsync(callerHearsOfIt: true);
    }

    public async Task<Incident?> OpenFromSplitAsync(IncidentHandoff handoff)
    {
        if (!state.State.Exists)
        {
            IncidentMerging.OpenFromSplit(state.State, handoff, clock.GetUtcNow());
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Not opened until written: the giver's retry must find this incident still to open, not open in memory only.
                await state.RollBackAsync(this);
                throw;
            }

            await PublishAsync();
        }

        return IncidentRecord.ToIncident(state.State);
    }

    /// <summary>
    /// Gives the pending handoff to the other incident, then forgets it. Answers what the other incident became;
    /// when it cannot be reached, the handoff stays pending (the reminder and the next activation try again).
    /// A delivered split is answered to the caller (the correlation key) when <paramref name="callerHearsOfIt"/>,
    /// and otherwise kept for the next answer to the key (<see cref="IncidentState.UntoldMoves"/>).
    /// </summary>
    private async Task<StatusChangeResult?> DeliverHandoffAsync(bool callerHearsOfIt = false)
    {
        if (state.State.PendingHandoff is not { } handoff)
        {
            return null;
        }

        StatusChangeResult? answer;
        try
        {
            var other = GrainFactory.GetGrain<IIncidentGrain>(handoff.ToIncidentId);
            answer = handoff.Kind == IncidentHandoff.Split
                ? new StatusChangeResult(await other.OpenFromSplitAsync(handoff), null)
                : await other.AbsorbAsync(handoff);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or IOException or InvalidOperationException)
        {
            using var scope = LogScopes.ForIncident(logger, state.State.IncidentId, state.State.ShipId);
            LogHandoffPending(logger, handoff.Kind, handoff.ToIncidentId, e);
            return new StatusChangeResult(null, null,
                $"recorded on {handoff.FromIncidentId}; {handoff.ToIncidentId} could not be reached ({e.GetType().Name}) and takes the members once it can (retried every {HandoffPeriod.TotalSeconds:0} s)");
        }

        if (answer?.Incident is null)
        {
            // The other incident refused (or is gone): the members stay here, where nothing of them was lost.
            using var scope = LogScopes.ForIncident(logger, state.State.IncidentId, state.State.ShipId);
            LogHandoffRefused(logger, handoff.Kind, handoff.ToIncidentId, answer?.Conflict ?? "no such incident");
            IncidentTimeline.HandoffRefused(state.State, handoff, answer?.Conflict ?? "no such incident", clock.GetUtcNow());
        }
        else if (handoff.Kind == IncidentHandoff.Split)
        {
            if (callerHearsOfIt)
            {
                answer = answer with { MovedOut = handoff };
            }
            else
            {
                state.State.UntoldMoves.Add(handoff);
            }
        }

        state.State.PendingHandoff = null;
        await state.WriteStateAsync();
        await DropHandoffReminderAsync();
        return answer ?? new StatusChangeResult(null, $"no incident has the id '{handoff.ToIncidentId}'");
    }

    /// <summary>A refused merge or split leaves nothing to deliver: its reminder goes (unless an earlier handoff still waits).</summary>
    private async Task<StatusChangeResult?> RefusedAsync(StatusChangeResult? refusal)
    {
        if (state.State.PendingHandoff is null)
        {
            await DropHandoffReminderAsync();
        }

        return refusal;
    }

    private TimeSpan HandoffPeriod => TimeSpan.FromSeconds(policy.For(state.State.ShipId).Correlate.HandoffRetrySec);

    private Task KeepHandoffReminderAsync() => this.RegisterOrUpdateReminder(HandoffReminder, HandoffPeriod, HandoffPeriod);

    private async Task DropHandoffReminderAsync()
    {
        try
        {
            if (await this.GetReminder(HandoffReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or IOException)
        {
            // Harmless: the next tick finds nothing pending and tries again to go away.
            using var scope = LogScopes.ForIncident(logger, state.State.IncidentId, state.State.ShipId);
            LogReminderFailed(logger, e);
        }
    }

    /// <summary>Applies a change (or learns why not), writes and indexes it, and answers the status change when the status moved.</summary>
    private async Task<StatusChangeResult?> ChangeAsync(Func<IncidentState, DateTimeOffset, string?> change, bool statusChanged)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (change(state.State, now) is { } conflict)
        {
            return new StatusChangeResult(null, conflict);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // What failed to be written must not stay in memory: a merge delivered again would find it taken.
            await state.RollBackAsync(this);
            throw;
        }

        await PublishAsync();
        return new StatusChangeResult(IncidentRecord.ToIncident(state.State), null, StatusChanged: statusChanged ? StatusChangeAt(now) : null);
    }
}
