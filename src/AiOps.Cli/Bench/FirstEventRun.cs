namespace AiOps.Cli.Bench;

/// <summary>
/// One fresh start: the first event's stages (milliseconds after its <c>ingested</c> stage, as its trace records
/// them), and the time to its incident of an event for a second new ship sent right after it.
/// </summary>
public sealed record FirstEventRun(IReadOnlyList<(string Stage, double Ms)> FirstStages, double? SecondToIncidentMs)
{
    /// <summary>From ingest to the incident stage; null when the first event reached no incident in time.</summary>
    public double? FirstToIncidentMs => FirstStages.Where(s => s.Stage == "incident").Select(s => (double?)s.Ms).FirstOrDefault();
}
