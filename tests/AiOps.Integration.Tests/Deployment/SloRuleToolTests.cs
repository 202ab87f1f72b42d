using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>The SLO rules load in promtool and vmalert, their unit tests pass, and every metric they use is exported.</summary>
[Trait(TestCategory.Name, TestCategory.Deployment)]
public sealed partial class SloRuleToolTests
{
    private static readonly string VmAlertDir = RepoPaths.Of("deploy", "vmalert");

    [RequiresToolFact("/usr/bin/promtool", "prometheus")]
    [Trait(TestNeeds.Name, TestNeeds.Prometheus)]
    public async Task Promtool_accepts_the_rules_and_their_unit_tests_pass()
    {
        var check = await RunAsync("/usr/bin/promtool", "check rules aiops-slo.rules.yml");
        var test = await RunAsync("/usr/bin/promtool", "test rules aiops-slo.tests.yml");

        Assert.True(check.Exit == 0, check.Output);
        Assert.Contains("SUCCESS", check.Output);
        Assert.True(test.Exit == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output);
    }

    [RequiresToolFact("/usr/bin/vmalert", "victoria-metrics")]
    [Trait(TestNeeds.Name, TestNeeds.Prometheus)]
    public async Task Vmalert_loads_the_rules()
    {
        var dryRun = await RunAsync("/usr/bin/vmalert", "-rule=aiops-slo.rules.yml -dryRun");

        Assert.True(dryRun.Exit == 0, dryRun.Output);
    }

    [RequiresNatsFact]
    [Trait(TestNeeds.Name, TestNeeds.Nats)]
    public async Task Every_metric_the_rules_and_dashboards_use_is_exported_by_the_host()
    {
        // The SLO rules and the Grafana SLO dashboard: every series either of them asks for must exist.
        var sources = await File.ReadAllTextAsync(Path.Combine(VmAlertDir, "aiops-slo.rules.yml"))
            + await File.ReadAllTextAsync(RepoPaths.Of("deploy", "grafana", "dashboards", "aiops-slo.json"));
        var used = MetricName().Matches(sources)
            .Select(m => m.Value.EndsWith("_bucket", StringComparison.Ordinal) ? m.Value[..^"_bucket".Length] : m.Value)
            .ToHashSet();
        await using var nats = await NatsServer.StartAsync();
        await using var ollama = await OllamaStandIn.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Nats:Url"] = nats.Url, ["Ollama:Endpoint"] = ollama.Address.ToString() });
        var ship = Events.Ship("slo");
        using (await host.PostRawAsync("/api/v3/ingest/logs",
            $$"""[{"ship_id":"{{ship}}","domain":"app","service":"pms-db","level":"error","msg":"Database connection timeout"},{"domain":"nowhere"}]"""))
        {
        }

        // The insight series need the incident's insight to finish, which on a busy 2-core machine can take a while.
        var missing = used.ToList();
        var metrics = "";
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (missing.Count > 0 && DateTime.UtcNow < deadline)
        {
            metrics = await host.Http.GetStringAsync("/metrics");
            missing = used.Where(name => !metrics.Contains($"\n{name}", StringComparison.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                await Task.Delay(250); // polling interval; the loop ends at the deadline above
            }
        }

        Assert.True(missing.Count == 0, "not exported: " + string.Join(", ", missing));
        Assert.All(used, name => Assert.Contains($"\n{name}", metrics));
        Assert.Equal(8, Regex.Matches(await File.ReadAllTextAsync(Path.Combine(VmAlertDir, "aiops-slo.rules.yml")), "- alert:").Count);
    }

    private static Task<(int Exit, string Output)> RunAsync(string tool, string arguments) =>
        ToolProcess.RunAsync(tool, arguments, VmAlertDir);

    [GeneratedRegex(@"aiops_[a-z_]+")]
    private static partial Regex MetricName();
}
