using AiOps.Cli.Bench;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Cli;

/// <summary><c>aiops bench first-event</c> against the real host build, started fresh by the benchmark.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class FirstEventBenchTests
{
    [Fact]
    public async Task A_fresh_host_takes_one_event_to_its_incident_and_the_bench_reads_every_stage_from_its_trace()
    {
        var output = new StringWriter();

        var report = await FirstEventBench.RunAsync(new FirstEventOptions(SiloProcess.HostDll(), Runs: 1, TimeSpan.FromSeconds(120)), output);

        var run = Assert.Single(report.Runs);
        Assert.Equal(["ingested", "detected", "enriched", "correlated", "incident"], run.FirstStages.Select(s => s.Stage));
        Assert.Equal(0, run.FirstStages[0].Ms);
        Assert.True(run.FirstStages.Zip(run.FirstStages.Skip(1)).All(p => p.First.Ms <= p.Second.Ms), output.ToString());
        Assert.True(run.FirstToIncidentMs > 0, output.ToString());
        Assert.NotNull(run.SecondToIncidentMs);
        Assert.Equal(run.FirstToIncidentMs!.Value, Assert.Single(report.FirstToIncidentMs));
        Assert.Contains("first event       ingest to incident: median", output.ToString());
        Assert.Contains($"in {report.WithinTarget} of 1 run(s)", output.ToString());
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.GetTempPath(), "aiops-bench-host-*"), d => Directory.GetCreationTimeUtc(d) > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_missing_host_is_named_with_how_to_build_one()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => FirstEventBench.RunAsync(new FirstEventOptions("/nonexistent/AiOps.Silo", 1, TimeSpan.FromSeconds(5)), TextWriter.Null));

        Assert.Contains("dotnet publish src/AiOps.Silo", error.Message);
    }
}
