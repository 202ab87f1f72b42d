using AiOps.Core.Stats;

namespace AiOps.Core.Tests.Stats;

public sealed class StatsMathTests
{
    [Theory]
    [InlineData("1h", 1)]
    [InlineData("24h", 24)]
    [InlineData("7d", 168)]
    [InlineData("1w", 168)]
    [InlineData("8760h", 8760)]
    public void Valid_time_ranges_parse(string text, int hours)
    {
        Assert.True(TimeRange.TryParseHours(text, out var parsed));
        Assert.Equal(hours, parsed);
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("8761h")]
    [InlineData("53w")]
    [InlineData("1m")]
    [InlineData("h")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("")]
    public void Invalid_time_ranges_are_refused(string text) => Assert.False(TimeRange.TryParseHours(text, out _));

    [Fact]
    public void Percentiles_come_within_five_percent_of_the_true_values()
    {
        var histogram = new Dictionary<int, long>();
        for (var i = 1; i <= 1000; i++)
        {
            LatencyHistogram.Record(histogram, i / 10.0);
        }

        Assert.InRange(LatencyHistogram.Percentile(histogram, 0.5)!.Value, 50 * 0.95, 50 * 1.05);
        Assert.InRange(LatencyHistogram.Percentile(histogram, 0.99)!.Value, 99 * 0.95, 99 * 1.05);
    }

    [Fact]
    public void No_samples_means_no_percentile() => Assert.Null(LatencyHistogram.Percentile(new Dictionary<int, long>(), 0.5));

    [Fact]
    public void The_accumulator_hands_counts_over_once_and_takes_back_a_failed_flush()
    {
        var accumulator = new StatsAccumulator(TimeProvider.System);
        accumulator.Add(c => c.Logs += 5);
        accumulator.Add(c => LatencyHistogram.Record(c.FastPathLatency, 12));

        var first = accumulator.Drain();
        accumulator.Restore(first);
        var second = accumulator.Drain();

        Assert.Equal(5, first.Values.Sum(c => c.Logs));
        Assert.Equal(5, second.Values.Sum(c => c.Logs));
        Assert.Equal(1, second.Values.Sum(c => c.FastPathLatency.Values.Sum()));
        Assert.Empty(accumulator.Drain());
    }
}
