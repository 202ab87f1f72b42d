namespace AiOps.Core.Tests.Detection;

/// <summary>
/// A deterministic test series at 10-minute samples: a daily cycle around 1000, quieter weekends, noise, a level
/// shift at 70% of the length, a spike every 1777 points and a dip every 2311. The same generator (and seed)
/// produced the decisions the first, all-double detector recorded, which the compact state must reproduce.
/// </summary>
internal static class SeasonalSeries
{
    public static (DateTimeOffset Ts, double Value)[] Generate(int n, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var points = new (DateTimeOffset, double)[n];
        for (var i = 0; i < n; i++)
        {
            var ts = start.AddMinutes(10 * i);
            var hour = ts.Hour + (ts.Minute / 60.0);
            var weekend = ts.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? -25 : 0;
            var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var value = 1000 + (300 * Math.Sin(2 * Math.PI * hour / 24)) + weekend + (8 * noise);
            if (i > n * 7 / 10)
            {
                value += 150;
            }

            if (i % 1777 == 1000)
            {
                value += 900;
            }

            if (i % 2311 == 500)
            {
                value -= 700;
            }

            points[i] = (ts, value);
        }

        return points;
    }
}
