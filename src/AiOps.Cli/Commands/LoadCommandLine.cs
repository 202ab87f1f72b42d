using System.CommandLine;
using AiOps.Cli.Load;

namespace AiOps.Cli.Commands;

/// <summary>
/// <c>aiops load</c>: the throughput benchmark, or with <c>--scenario incident-scale</c> the incident-scale one.
/// The two share the host and connection options; each refuses the other's options rather than ignore them.
/// </summary>
public static class LoadCommandLine
{
    private const string Throughput = "throughput";

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = $"{Throughput}: events at a rate, report accepted/s, processed/s, Fast Path p50/p99; "
                + $"{IncidentScaleOptions.Scenario}: open incidents in steps, time the incident list and stats per step",
            DefaultValueFactory = _ => Throughput,
        };
        scenario.AcceptOnlyFromAmong(Throughput, IncidentScaleOptions.Scenario);
        var url = CliOptions.Url();
        var batch = new Option<int?>("--batch")
        {
            Description = "events per request (default 1000; incident-scale 500)",
            CustomParser = result => CliOptions.ParseNumber(result, "--batch", 1),
            HelpName = "N",
        };
        var concurrency = CliOptions.Number("--concurrency", 4, 1, "connections sending at once");
        var events = CliOptions.Number("--events", 100_000, 1, "events to send");
        var rate = CliOptions.Number("--rate", 0, 0, "events per second, 0 for unlimited");
        var anomalyEvery = CliOptions.Number("--anomaly-every", 1000, 1, "one anomalous event in N (their traces give the latency)");
        var ships = CliOptions.Number("--ships", 2, 1, "ships the events come from");
        var services = CliOptions.Number("--services", 20, 1, "services per ship");
        var drain = CliOptions.Number("--drain-timeout-sec", 120, 1, "how long to wait for the host to process what it accepted");
        var incidents = CliOptions.Number("--incidents", 20_000, 1, "incident-scale: incidents to open");
        var step = CliOptions.Number("--step", 2_000, 1, "incident-scale: incidents per step");
        var samples = CliOptions.Number("--samples", 30, 2, "incident-scale: timed requests per query and step");
        var stepTimeout = CliOptions.Number("--step-timeout-sec", 300, 1, "incident-scale: how long a step may take to list all its incidents");
        var maxMinutes = CliOptions.Number("--max-minutes", 10, 1, "incident-scale: stop after this long");
        Option[] throughputOnly = [events, rate, anomalyEvery, ships, services, drain];
        Option[] scaleOnly = [incidents, step, samples, stepTimeout, maxMinutes];

        var command = new Command("load", "send events to a running host and report what it did with them (progress on stderr)")
        {
            scenario, url, batch, concurrency, events, rate, anomalyEvery, ships, services, drain, incidents, step, samples, stepTimeout, maxMinutes,
        };
        command.Validators.Add(result =>
        {
            var isScale = result.GetValue(scenario) == IncidentScaleOptions.Scenario;
            foreach (var option in isScale ? throughputOnly : scaleOnly)
            {
                if (result.GetResult(option) is { Implicit: false })
                {
                    result.AddError($"option '{option.Name}' belongs to --scenario {(isScale ? Throughput : IncidentScaleOptions.Scenario)}");
                }
            }
        });
        AiOpsCli.Handle(command, async (parsed, output, progress, cancellationToken) =>
        {
            var batchSize = parsed.GetValue(batch);
            if (parsed.GetValue(scenario) == IncidentScaleOptions.Scenario)
            {
                var steps = await IncidentScaleCommand.RunAsync(new IncidentScaleOptions(
                    parsed.GetValue(url)!,
                    parsed.GetValue(incidents),
                    parsed.GetValue(step),
                    batchSize ?? 500,
                    parsed.GetValue(concurrency),
                    parsed.GetValue(samples),
                    TimeSpan.FromSeconds(parsed.GetValue(stepTimeout)),
                    TimeSpan.FromMinutes(parsed.GetValue(maxMinutes))), output, progress, cancellationToken);
                return steps.Sum(s => s.Opened) == parsed.GetValue(incidents) ? ExitCodes.Ok : ExitCodes.Findings;
            }

            var report = await LoadCommand.RunAsync(new LoadOptions(
                parsed.GetValue(url)!,
                parsed.GetValue(events),
                parsed.GetValue(rate),
                batchSize ?? 1000,
                parsed.GetValue(concurrency),
                parsed.GetValue(anomalyEvery),
                parsed.GetValue(ships),
                parsed.GetValue(services),
                TimeSpan.FromSeconds(parsed.GetValue(drain))), output, progress, cancellationToken);
            return report.Accepted == report.Sent && report.Lost == 0 ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return command;
    }
}
