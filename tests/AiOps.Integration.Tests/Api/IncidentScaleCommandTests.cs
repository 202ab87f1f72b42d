using AiOps.Cli.Load;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Api;

/// <summary>The incident-scale benchmark against the real host, small: its steps open incidents and measure the reads.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class IncidentScaleCommandTests(SharedHost shared)
{
    [Fact]
    public async Task Each_step_opens_its_incidents_and_times_the_list_and_the_stats()
    {
        var options = new IncidentScaleOptions(shared.Host.BaseAddress, Incidents: 30, Step: 15, BatchSize: 10, Concurrency: 2, Samples: 2,
            StepTimeout: TimeSpan.FromSeconds(60), MaxDuration: TimeSpan.FromMinutes(5));
        var output = new StringWriter();

        var steps = await IncidentScaleCommand.RunAsync(options, output);

        Assert.Equal([15, 15], steps.Select(s => s.Opened));
        Assert.True(steps[1].Incidents >= steps[0].Incidents + 15, output.ToString());
        Assert.All(steps, s => Assert.True(s.Seconds > 0 && s.ListP99Ms > 0 && s.FilteredP99Ms > 0 && s.LatePageP99Ms > 0 && s.StatsP99Ms > 0, output.ToString()));
        Assert.Contains("ms/incident", output.ToString());
    }
}
