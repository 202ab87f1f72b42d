using AiOps.Cli.Load;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>The load generator against the real host: every event accepted and processed, latencies measured.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class LoadCommandTests(SharedHost shared)
{
    [Fact]
    public async Task The_load_generator_reports_throughput_and_fast_path_percentiles_from_real_traces()
    {
        var options = new LoadOptions(shared.Host.BaseAddress, Events: 5000, Rate: 0, BatchSize: 500, Concurrency: 2,
            AnomalyEvery: 250, Ships: 2, Services: 5, DrainTimeout: TimeSpan.FromSeconds(60));
        var output = new StringWriter();

        var report = await LoadCommand.RunAsync(options, output);

        Assert.Equal(5000, report.Accepted);
        Assert.True(report.Processed >= 5000, output.ToString());
        Assert.NotNull(report.ProcessedPerSecond);
        Assert.Equal(20, report.TracesRead);
        Assert.NotNull(report.FastPathP99Ms);
        Assert.Contains("events/s", output.ToString());
        Assert.Contains("p99", output.ToString());
        Assert.Equal(0, report.Lost);
        Assert.NotNull(report.MaxLagSeconds);
        Assert.NotNull(report.MaxPending);
        Assert.Contains("lost              0", output.ToString());
    }
}
