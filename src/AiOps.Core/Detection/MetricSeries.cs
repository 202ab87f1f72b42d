namespace AiOps.Core.Detection;

/// <summary>
/// Detector state of one metric series (metric + device + labels), bounded in size: an exponentially
/// weighted mean and variance, a short window of recent values for the median/MAD and percentiles, the
/// forecast detector's state, and the episode flags that make a rule or a statistical alarm fire once per
/// excursion.
/// </summary>
[GenerateSerializer, Alias("aiops.metric-series.v1")]
public sealed class MetricSeries
{
    [Id(0)] public long Count { get; set; }
    [Id(1)] public double Mean { get; set; }
    [Id(2)] public double Variance { get; set; }
    [Id(3)] public DateTimeOffset LastTs { get; set; }
    [Id(4)] public double[] Window { get; set; } = [];
    [Id(5)] public long[] WindowTicks { get; set; } = [];
    [Id(6)] public int WindowCount { get; set; }
    [Id(7)] public int WindowNext { get; set; }
    [Id(8)] public DateTimeOffset? BreachSince { get; set; }
    [Id(9)] public bool RuleFired { get; set; }
    [Id(10)] public bool StatisticalAlarm { get; set; }
    [Id(11)] public ForecastState Forecast { get; set; } = new();

    public void Remember(double value, DateTimeOffset ts, int capacity)
    {
        if (Window.Length != capacity)
        {
            Window = new double[capacity];
            WindowTicks = new long[capacity];
            WindowCount = 0;
            WindowNext = 0;
        }

        Window[WindowNext] = value;
        WindowTicks[WindowNext] = ts.UtcTicks;
        WindowNext = (WindowNext + 1) % capacity;
        WindowCount = Math.Min(WindowCount + 1, capacity);
    }

    /// <summary>Copies the remembered values no older than <paramref name="since"/> into a new array.</summary>
    public double[] RecentValues(DateTimeOffset since)
    {
        var values = new List<double>(WindowCount);
        for (var i = 0; i < WindowCount; i++)
        {
            if (WindowTicks[i] >= since.UtcTicks)
            {
                values.Add(Window[i]);
            }
        }

        return values.ToArray();
    }
}
