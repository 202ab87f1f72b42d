using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;

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
        }

        return result;
    }

    public Task<StatusChangeResult?> LinkAsync(string otherId, string actor) =>
        ChangeAsync((s, now) =>
        {
            IncidentMerging.Link(s, otherId, actor, now);
            return null;
        }, statusChanged: false);

    public Task<StatusChangeResult?> MarkMergedAsync(string intoId, string actor) =>
        ChangeAsync((s, now) => IncidentMerging.MarkMerged(s, intoId, actor, now), statusChanged: true);

    public Task<StatusChangeResult?> AbsorbAsync(Incident other, string actor) =>
        ChangeAsync((s, now) =>
        {
            if (s.Status == Contracts.IncidentStatus.Merged)
            {
                return $"the incident was merged into {s.MergedInto} itself";
            }

            IncidentMerging.Absorb(s, other, actor, now, policy.For(s.ShipId).Correlate);
            return null;
        }, statusChanged: false);

    public async Task<StatusChangeResult?> SplitOutAsync(IReadOnlyList<string> trackingIds, string newId, string actor)
    {
        Incident? part = null;
        var result = await ChangeAsync((s, now) =>
        {
            (part, var problem) = IncidentMerging.SplitOut(s, trackingIds, newId, actor, now);
            return problem;
        }, statusChanged: false);
        return result?.Incident is null ? result : new StatusChangeResult(part, null);
    }

    public async Task<Incident?> OpenFromSplitAsync(Incident part, string actor)
    {
        if (!state.State.Exists)
        {
            IncidentMerging.OpenFromSplit(state.State, part, actor, clock.GetUtcNow());
            await state.WriteStateAsync();
            await PublishAsync();
        }

        return IncidentRecord.ToIncident(state.State);
    }

    /// <summary>Applies a change (or learns why not), writes and indexes it, and tells correlation when the status moved.</summary>
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

        await state.WriteStateAsync();
        await PublishAsync();
        if (statusChanged)
        {
            TellCorrelation(now);
        }

        return new StatusChangeResult(IncidentRecord.ToIncident(state.State), null);
    }
}
