namespace AiOps.Cli.Load;

/// <summary>Samples the host's ingest backlog gauges during a run: the worst lag and backlog it saw.</summary>
internal sealed class BacklogSampler
{
    private const string LagGauge = "aiops_ingest_lag_seconds";
    private const string PendingGauge = "aiops_ingest_pending";

    public double? MaxLagSeconds { get; private set; }

    public double? MaxPending { get; private set; }

    public async Task RunAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var exposition = await http.GetStringAsync("/metrics", cancellationToken);
                MaxLagSeconds = Larger(MaxLagSeconds, PrometheusText.Max(exposition, LagGauge));
                MaxPending = Larger(MaxPending, PrometheusText.Max(exposition, PendingGauge));
                await Task.Delay(200, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static double? Larger(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
