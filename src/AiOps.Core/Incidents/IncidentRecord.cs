using System.Globalization;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Correlation;
using AiOps.Core.Detection;
using AiOps.Core.Policy;
using AiOps.Core.Privacy;

namespace AiOps.Core.Incidents;

/// <summary>The rules of an incident's life, applied to its state: opening, members, duplicates, status.</summary>
public static class IncidentRecord
{
    private const string Source = "correlation";

    /// <summary>How many recent tracking ids an incident remembers to recognise a replayed change.</summary>
    public const int AppliedMemory = 4096;

    /// <summary>Applies a correlation change; true when it opened the incident.</summary>
    public static bool Apply(IncidentState state, IncidentChange change, CorrelatePolicy policy, DateTimeOffset now, PiiRedactor? redactor = null)
    {
        var members = change.NewMembers.Where(m => !state.Applied.Contains(m.TrackingId)).OrderBy(m => m.Ts).ToList();
        var opened = !state.Exists && members.Count > 0;
        if (opened)
        {
            Open(state, change, members[0], policy, now);
        }
        else if (!state.Exists)
        {
            return false;
        }

        var severityBefore = state.Severity;
        var appliedNow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members.Where(m => state.Applied.Add(m.TrackingId, AppliedMemory)))
        {
            AddMember(state, member, policy, redactor);
            appliedNow.Add(member.TrackingId);
        }

        foreach (var duplicate in change.Duplicates.Where(d => state.Applied.Add(d.TrackingId, AppliedMemory)))
        {
            state.DuplicateCount++;
            Stretch(state, duplicate.Ts);
            appliedNow.Add(duplicate.TrackingId);
        }

        IncidentWorkflow.RecordReasons(state, change.Reasons.Where(r => appliedNow.Contains(r.TrackingId)), policy);

        if (!opened && state.Severity > severityBefore)
        {
            state.Timeline.Add(new TimelineEntry(now, "severity_raised",
                $"Severity raised from {SeverityNames.Name(severityBefore)} to {SeverityNames.Name(state.Severity)}", Source));
        }

        state.UpdatedAt = now;
        return opened;
    }

    /// <summary>Changes the status, or returns why that is not allowed.</summary>
    public static string? ChangeStatus(IncidentState state, StatusChangeRequest request, DateTimeOffset now)
    {
        if (!IncidentTransitions.IsAllowed(state.Status, request.Status))
        {
            return $"an incident that is {IncidentTransitions.Name(state.Status)} cannot become {IncidentTransitions.Name(request.Status)}";
        }

        var from = state.Status;
        state.Status = request.Status;
        if (request.Status == IncidentStatus.Ack)
        {
            state.Owner = request.Actor;
        }

        state.ClosedAt = request.Status is IncidentStatus.Resolved or IncidentStatus.Suppressed ? now : null;

        var description = $"Status changed from {IncidentTransitions.Name(from)} to {IncidentTransitions.Name(request.Status)}"
            + (string.IsNullOrWhiteSpace(request.Comment) ? "" : $": {request.Comment}");
        state.Timeline.Add(new TimelineEntry(now, IncidentTransitions.Name(request.Status), description, request.Actor));
        state.UpdatedAt = now;
        return null;
    }

    public static Incident ToIncident(IncidentState s) => new()
    {
        TrackingId = s.TrackingId,
        Ts = s.CreatedAt,
        ShipId = s.ShipId,
        IncidentId = s.IncidentId,
        IncidentType = s.IncidentType,
        Severity = s.Severity,
        Status = s.Status,
        Scope = s.Scope.ToArray(),
        CorrKeys = s.CorrKeys.ToArray(),
        SuppressKey = s.SuppressKey,
        Timeline = s.Timeline.ToArray(),
        Evidence = s.Evidence.ToArray(),
        RunbookRefs = s.RunbookRefs.ToArray(),
        Narrative = s.Narrative,
        Confidence = s.Confidence,
        InsightSource = s.InsightSource,
        Owner = s.Owner,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        AnomalyCount = s.AnomalyCount,
        DuplicateCount = s.DuplicateCount,
        TrackingIds = s.TrackingIds.ToArray(),
        FirstEventTs = s.FirstEventTs,
        LastEventTs = s.LastEventTs,
        Comments = s.Comments.ToArray(),
        WhyGrouped = s.WhyGrouped.ToArray(),
        Related = s.Related.ToArray(),
        MergedInto = s.MergedInto,
    };

    public static IncidentSummary ToSummary(IncidentState s) => new()
    {
        IncidentId = s.IncidentId,
        IncidentType = s.IncidentType,
        ShipId = s.ShipId,
        Severity = s.Severity,
        Status = s.Status,
        CreatedAt = s.CreatedAt,
        ClosedAt = s.ClosedAt,
        SearchText = string.Join(' ',
            new[] { s.IncidentId, s.IncidentType, s.ShipId, s.SuppressKey, s.Narrative ?? "" }
                .Concat(s.Scope.Select(e => $"{e.DeviceId} {e.Service}"))
                .Concat(s.Evidence.Take(20).Select(e => e.Summary ?? "")))
            .ToLowerInvariant(),
    };

    private static void Open(IncidentState state, IncidentChange change, AnomalyEnriched first, CorrelatePolicy policy, DateTimeOffset now)
    {
        state.Exists = true;
        state.IncidentId = change.IncidentId;
        state.IncidentType = change.IncidentType;
        state.ShipId = change.ShipId;
        state.TrackingId = first.TrackingId;
        state.Status = IncidentStatus.Open;
        state.Severity = policy.SeverityMap.TryGetValue(change.IncidentType, out var floor) ? SeverityNames.Parse(floor) : Severity.Low;
        state.CorrKeys = CorrelationKeys.For(change.IncidentType, first.DeviceId, first.Service, first.ShipId, first.Domain.ToString().ToLowerInvariant()).ToList();
        state.SuppressKey = CorrelationKeys.SuppressKey(change.IncidentType, first.ShipId, first.DeviceId, first.Service);
        state.CreatedAt = now;
        state.FirstEventTs = first.Ts;
        state.LastEventTs = first.Ts;
        state.Timeline.Add(new TimelineEntry(now, "created",
            $"Incident opened by {first.AnomalyType} on {first.Service} (event time {first.Ts.UtcDateTime:O})", Source));
    }

    private static void AddMember(IncidentState state, AnomalyEnriched member, CorrelatePolicy policy, PiiRedactor? redactor)
    {
        state.AnomalyCount++;
        if (member.Severity > state.Severity)
        {
            state.Severity = member.Severity;
        }

        var scope = new ScopeEntry(member.DeviceId ?? "unknown", member.Service);
        if (state.Scope.Count < policy.MaxScopeEntries && !state.Scope.Contains(scope))
        {
            state.Scope.Add(scope);
        }

        var suppressKey = CorrelationKeys.SuppressKey(state.IncidentType, member.ShipId, member.DeviceId, member.Service);
        if (state.SuppressKeys.Count < policy.MaxScopeEntries && !state.SuppressKeys.Contains(suppressKey))
        {
            state.SuppressKeys.Add(suppressKey);
        }

        if (state.Evidence.Count < policy.MaxEventsPerIncident)
        {
            var summary = Summarize(member);
            state.Evidence.Add(new Evidence($"/api/v3/trace/{member.TrackingId}", redactor?.Redact(summary) ?? summary, Math.Round(member.Score, 3),
                member.TemplateId, member.TemplateId is null ? null : member.Service));
        }

        if (state.TrackingIds.Count < policy.MaxTrackingIdsPerIncident)
        {
            state.TrackingIds.Add(member.TrackingId);
        }

        Stretch(state, member.Ts);
    }

    private static void Stretch(IncidentState state, DateTimeOffset ts)
    {
        if (ts < state.FirstEventTs)
        {
            state.FirstEventTs = ts;
        }

        if (ts > state.LastEventTs)
        {
            state.LastEventTs = ts;
        }
    }

    private static string Summarize(AnomalyEnriched a)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"[{a.Detector}] {a.AnomalyType} score={a.Score:0.00} severity={SeverityNames.Name(a.Severity)} service={a.Service}");
        if (a.DeviceId is not null)
        {
            text += $" device={a.DeviceId}";
        }

        if (a.MetricName is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {a.MetricName}={a.MetricValue:0.###} threshold={a.Threshold:0.###}");
        }

        if (a.TemplateId is { } template)
        {
            text += TemplateNames.Fragment(template, a.RawMsg);
        }

        if (a.RawMsg is not null)
        {
            text += $" msg={(a.RawMsg.Length > 100 ? a.RawMsg[..100] : a.RawMsg)}";
        }

        return text;
    }
}
