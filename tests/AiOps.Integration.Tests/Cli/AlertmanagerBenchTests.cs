using AiOps.Cli.Bench;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Cli;

/// <summary><c>aiops bench alertmanager</c> with small numbers: a real Alertmanager and the real host, side by side.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class AlertmanagerBenchTests(SharedHost shared)
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";

    [RequiresToolFact(Binary, "prometheus-alertmanager")]
    [Trait(TestNeeds.Name, TestNeeds.Prometheus)]
    public async Task The_bench_sends_the_same_events_to_both_and_reports_both_rates_and_their_ratio()
    {
        var options = new AlertmanagerOptions(shared.Host.BaseAddress, Events: 3000, BatchSize: 1000, Concurrency: 2, Binary, TimeSpan.FromSeconds(60));
        var output = new StringWriter();

        var report = await AlertmanagerBench.RunAsync(options, output);

        Assert.Equal(3000, report.AiOps.Accepted);
        Assert.True(report.AiOps.Processed >= 3000, output.ToString());
        Assert.NotNull(report.AiOps.ProcessedPerSecond);
        Assert.Equal(3000, report.AiOpsAlerts.Accepted);
        Assert.True(report.AiOpsAlerts.Processed >= 3000, output.ToString());
        Assert.NotNull(report.AlertsProcessedRatio);
        Assert.True(report.AiOpsAlerts.HostCpuMsPerThousand > 0, output.ToString());
        Assert.Contains("per 1,000 alerts", output.ToString());
        Assert.Equal(3000, report.AlertmanagerAccepted);
        Assert.True(report.AlertmanagerPerSecond > 0);
        Assert.Equal(report.AiOps.AcceptedPerSecond / report.AlertmanagerPerSecond, report.AcceptedRatio, 6);
        Assert.Contains("alerts/s", output.ToString());
        Assert.Contains("ratio", output.ToString());
    }

    [Fact]
    public async Task A_missing_alertmanager_is_named_with_how_to_install_it()
    {
        var options = new AlertmanagerOptions(shared.Host.BaseAddress, 10, 10, 1, "/nonexistent/alertmanager", TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => AlertmanagerBench.RunAsync(options, TextWriter.Null));

        Assert.Contains("apt-get install prometheus-alertmanager", error.Message);
    }
}
