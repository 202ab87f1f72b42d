namespace AiOps.Core.Insight;

/// <summary>
/// What a model's answer may claim after its invented citations were dropped: with no valid citation left it is
/// not an insight to trust (the caller falls back to the rule-based one), and a narrative that names a dropped
/// citation would send an engineer to a runbook that does not exist.
/// </summary>
public static class CitationCheck
{
    /// <summary>Null when the draft may stand; else why it must give way to the rule-based insight.</summary>
    public static string? Problem(InsightDraft draft, IReadOnlyList<string> dropped)
    {
        if (draft.EvidenceRefs.Count == 0 && draft.RunbookIds.Count == 0)
        {
            return dropped.Count == 0 ? "the model's answer cited nothing" : $"the model's answer had no valid citation ({dropped.Count} invented, dropped)";
        }

        var named = dropped.FirstOrDefault(d => draft.Narrative.Contains(d, StringComparison.OrdinalIgnoreCase));
        return named is null ? null : $"the model's narrative names \"{named}\", which is not in the retrieved context";
    }
}
