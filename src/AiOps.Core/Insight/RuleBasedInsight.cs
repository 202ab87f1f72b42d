using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Incidents;

namespace AiOps.Core.Insight;

/// <summary>
/// The insight a ship gets without a model, or when the model is slow, down or unusable: built from the
/// incident's own facts and the best matching runbook. Always marked <c>insight_source: fallback</c>.
/// </summary>
public static class RuleBasedInsight
{
    public static InsightDraft For(Incident incident, IReadOnlyList<ContextDocument> context)
    {
        var runbooks = context.Where(d => d.Kind == "runbook").Take(2).ToList();
        var evidence = incident.Evidence.OrderByDescending(e => e.Weight ?? 0).Take(3).ToList();
        var scope = string.Join(", ", incident.Scope.Take(4).Select(s => s.DeviceId == "unknown" ? s.Service : $"{s.Service} ({s.DeviceId})"));
        var severity = Capitalize(incident.Severity.ToString().ToLowerInvariant());
        var text = FormattableString.Invariant(
            $"{severity} {incident.IncidentType.Replace('_', ' ')} on {incident.ShipId}: {incident.AnomalyCount} anomal{(incident.AnomalyCount == 1 ? "y" : "ies")}")
            + (incident.DuplicateCount > 0 ? FormattableString.Invariant($" and {incident.DuplicateCount} repeat{(incident.DuplicateCount == 1 ? "" : "s")}") : "")
            + FormattableString.Invariant($" from {scope} between {incident.FirstEventTs.UtcDateTime:yyyy-MM-dd HH:mm} and {incident.LastEventTs.UtcDateTime:HH:mm} UTC.");
        if (TemplateNames.Sentence(incident.Evidence) is { } templates)
        {
            text += " " + templates;
        }

        if (evidence.FirstOrDefault()?.Summary is { } strongest)
        {
            text += $" Strongest signal: {strongest}.";
        }

        text += runbooks.Count == 0
            ? " No runbook matches this incident type; start from the evidence."
            : $" Start with runbook \"{runbooks[0].Title}\" ({runbooks[0].Id}).";
        return new InsightDraft(text, Confidence.Low, evidence.Select(e => e.Ref).ToList(), runbooks.Select(r => r.Id).ToList());
    }

    private static string Capitalize(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
