using System.Text;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Hosting;

namespace AiOps.Integration.Tests.Api;

/// <summary>The SLO histograms on /metrics before their first observation, and the exposition left alone after it.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class EmptyHistogramTests
{
    private static readonly EmptyHistogram[] Histograms =
    [
        new("aiops_a_seconds", "AiOps.Test", "seconds", "A.", [0.1, 1]),
        new("aiops_b_seconds", "AiOps.Test", "seconds", "B.", [0.1, 1]),
    ];

    private const string BothObserved =
        "aiops_a_seconds_bucket{otel_scope_name=\"AiOps.Test\",le=\"0.1\"} 3\n" +
        "# HELP aiops_b_seconds B.\n" +
        "aiops_b_seconds_bucket{otel_scope_name=\"AiOps.Test\",le=\"0.1\"} 1\n";

    [Fact]
    public void An_exposition_with_every_histogram_is_left_as_it_is()
    {
        Assert.True(EmptyHistogram.AllPresent(Encoding.UTF8.GetBytes(BothObserved), Histograms));
        Assert.Equal(BothObserved, EmptyHistogram.AddMissing(BothObserved, Histograms, openMetrics: false));
    }

    [Theory]
    // Never observed: only its help text, or a longer metric's series that ends in its name.
    [InlineData("aiops_a_seconds_bucket{le=\"1\"} 1\n# HELP aiops_b_seconds B.\n")]
    [InlineData("aiops_a_seconds_bucket{le=\"1\"} 1\nxaiops_b_seconds_bucket{le=\"1\"} 1\n")]
    public void A_histogram_not_yet_observed_is_missing_and_added_with_zero_counts(string exposition)
    {
        Assert.False(EmptyHistogram.AllPresent(Encoding.UTF8.GetBytes(exposition), Histograms));

        var completed = EmptyHistogram.AddMissing(exposition, Histograms, openMetrics: false);

        Assert.StartsWith(exposition, completed);
        Assert.Contains("\naiops_b_seconds_count{otel_scope_name=\"AiOps.Test\"} 0\n", completed);
        Assert.True(EmptyHistogram.AllPresent(Encoding.UTF8.GetBytes(completed), Histograms));
    }
}
