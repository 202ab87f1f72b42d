namespace AiOps.Core.Detection;

/// <summary>
/// Detector state of one metric series (metric + device + labels), bounded in size: an exponentially
/// weighted mean and variance, a short window of recent values for the median/MAD and percentiles, the
/// forecast detector's state, and the episode flags that make a rule or a statistical alarm fire once per
/// excursion.
/// Compact, for fleets of a million series: the window keeps each value as a 16-bit code over the series'
/// own range (<see cref="SlotCodec"/>) and its time as 16-bit whole seconds from <see cref="WindowBaseTicks"/>,
/// so one series with a full 64-sample window and full profiles is about 1 KB in memory and 0.9 KB serialized.
/// Ids 4-7 held the first version's window (doubles and ticks); a series stored by it starts a new window
/// (it fills again within <c>max_window_samples</c> points), and its forecast state (id 11) is converted.
/// </summary>
[GenerateSerializer, Alias("aiops.metric-series.v1")]
public sealed class MetricSeries
{
    private const int SecondsLimit = ushort.MaxValue;

    /// <summary>After a rebase the newest sample sits this many seconds before the 16-bit limit.</summary>
    private const int RebaseSlackSeconds = 3600;

    /// <summary>The oldest window sample whose time is still kept exactly: about 17 hours.</summary>
    public const int WindowHistorySeconds = SecondsLimit - RebaseSlackSeconds;

    [Id(0)] public long Count { get; set; }
    [Id(1)] public double Mean { get; set; }
    [Id(2)] public double Variance { get; set; }
    [Id(3)] public DateTimeOffset LastTs { get; set; }
    [Id(8)] public DateTimeOffset? BreachSince { get; set; }
    [Id(9)] public bool RuleFired { get; set; }
    [Id(10)] public bool StatisticalAlarm { get; set; }

    /// <summary>The first version's forecast state, until the series' next point converts it.</summary>
    [Id(11)] public LegacyForecastState? LegacyForecast { get; set; }

    [Id(12)] public ForecastState Forecast { get; set; } = new();

    /// <summary>The window: value codes (2 bytes each), then time codes (2 bytes each), as one ring.</summary>
    [Id(13)] public byte[] Window { get; set; } = [];
    [Id(14)] public int WindowCount { get; set; }
    [Id(15)] public int WindowNext { get; set; }
    [Id(16)] public double WindowLow { get; set; } = double.NaN;
    [Id(17)] public double WindowStep { get; set; }

    /// <summary>The time code c is <c>WindowBaseTicks + c</c> seconds (codes before the base read as the base).</summary>
    [Id(18)] public long WindowBaseTicks { get; set; }

    public int WindowCapacity => Window.Length / 4;

    /// <summary>Converts a forecast state stored by the first version; a no-op once done.</summary>
    public void Upgrade()
    {
        if (LegacyForecast is { } legacy)
        {
            Forecast = ForecastState.From(legacy);
            LegacyForecast = null;
        }
    }

    public void Remember(double value, DateTimeOffset ts, int capacity)
    {
        if (WindowCapacity != capacity || Window.Length == 0)
        {
            Window = new byte[4 * capacity];
            WindowCount = 0;
            WindowNext = 0;
        }

        var values = Window.AsSpan(0, 2 * capacity);
        if (!SlotCodec.Covers(value, WindowLow, WindowStep))
        {
            var low = WindowLow;
            var step = WindowStep;
            SlotCodec.Widen(values, WindowCount, value, ref low, ref step);
            WindowLow = low;
            WindowStep = step;
        }

        SlotCodec.Write(values, WindowNext, value, WindowLow, WindowStep);
        SlotCodec.WriteCode(Window.AsSpan(2 * capacity), WindowNext, TimeCode(ts.UtcTicks));
        WindowNext = (WindowNext + 1) % capacity;
        WindowCount = Math.Min(WindowCount + 1, capacity);
    }

    /// <summary>The remembered values, oldest slot first (ring order).</summary>
    public double[] WindowValues()
    {
        var values = new double[Math.Min(WindowCount, WindowCapacity)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = SlotCodec.Read(Window, i, WindowLow, WindowStep);
        }

        return values;
    }

    /// <summary>
    /// Copies the remembered values no older than <paramref name="since"/> (to the whole second) into a new array.
    /// </summary>
    public double[] RecentValues(DateTimeOffset since)
    {
        var capacity = WindowCapacity;
        var count = Math.Min(WindowCount, capacity);
        var times = Window.AsSpan(2 * capacity);
        var from = (since.UtcTicks - WindowBaseTicks) / TimeSpan.TicksPerSecond;
        var values = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            if (SlotCodec.ReadCode(times, i) >= from)
            {
                values.Add(SlotCodec.Read(Window, i, WindowLow, WindowStep));
            }
        }

        return values.ToArray();
    }

    /// <summary>Whole seconds from the base; moves the base forward (re-coding the window) when past the 16-bit limit.</summary>
    private ushort TimeCode(long ticks)
    {
        var capacity = WindowCapacity;
        if (WindowBaseTicks == 0)
        {
            WindowBaseTicks = ticks - (ticks % TimeSpan.TicksPerSecond);
        }

        var seconds = (ticks - WindowBaseTicks) / TimeSpan.TicksPerSecond;
        if (seconds > SecondsLimit)
        {
            var shift = seconds - WindowHistorySeconds;
            var times = Window.AsSpan(2 * capacity);
            for (var i = 0; i < Math.Min(WindowCount, capacity); i++)
            {
                SlotCodec.WriteCode(times, i, (ushort)Math.Max(SlotCodec.ReadCode(times, i) - shift, 0));
            }

            WindowBaseTicks += shift * TimeSpan.TicksPerSecond;
            seconds -= shift;
        }

        return (ushort)Math.Max(seconds, 0);
    }
}
