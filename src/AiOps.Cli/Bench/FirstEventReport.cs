namespace AiOps.Cli.Bench;

/// <summary>What <c>aiops bench first-event</c> measured over its runs.</summary>
public sealed record FirstEventReport(IReadOnlyList<FirstEventRun> Runs)
{
    /// <summary>The first events' times to their incidents, of the runs in which one was reached.</summary>
    public IReadOnlyList<double> FirstToIncidentMs => Runs.Where(r => r.FirstToIncidentMs is not null).Select(r => r.FirstToIncidentMs!.Value).ToList();

    /// <summary>Runs whose first event reached its incident within <see cref="FirstEventBench.TargetMs"/>.</summary>
    public int WithinTarget => FirstToIncidentMs.Count(ms => ms <= FirstEventBench.TargetMs);

    public void Print(TextWriter output)
    {
        var first = FirstToIncidentMs;
        var second = Runs.Where(r => r.SecondToIncidentMs is not null).Select(r => r.SecondToIncidentMs!.Value).ToList();
        output.WriteLine($"first event       ingest to incident: {Summary(first)}; within {FirstEventBench.TargetMs:0} ms in {WithinTarget} of {Runs.Count} run(s)");
        output.WriteLine($"second new ship   ingest to incident: {Summary(second)}");
    }

    private static string Summary(IReadOnlyList<double> values) => values.Count == 0
        ? "no incident reached"
        : $"median {Median(values):0} ms, min {values.Min():0} ms, max {values.Max():0} ms";

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
