namespace AiOps.Insight;

public enum InsightWork
{
    /// <summary>Write an insight, from the model when it can.</summary>
    Narrate,

    /// <summary>The queue was full: write the rule-based insight at once, without the model.</summary>
    NarrateWithoutModel,

    /// <summary>A resolved incident: add it to the knowledge the model retrieves from.</summary>
    Learn,
}
