namespace AiOps.Cli.Load;

/// <summary>One step of the incident-scale run: the incidents listed after it, its cost, and the read latencies then.</summary>
public sealed record IncidentScaleStep(
    int Incidents,
    int Opened,
    double Seconds,
    double ListP50Ms,
    double ListP99Ms,
    double FilteredP50Ms,
    double FilteredP99Ms,
    double LatePageP50Ms,
    double LatePageP99Ms,
    double StatsP99Ms)
{
    public double MsPerIncident => Opened == 0 ? 0 : Seconds * 1000 / Opened;
}
