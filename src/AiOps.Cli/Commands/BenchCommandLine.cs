using System.CommandLine;
using AiOps.Cli.Bench;

namespace AiOps.Cli.Commands;

/// <summary>
/// <c>aiops bench alertmanager</c>: AiOps' ingest beside a throw-away Alertmanager, the same events to both.
/// <c>aiops bench first-event</c>: the first event after a fresh start, from ingest to incident.
/// </summary>
public static class BenchCommandLine
{
    public static Command Create()
    {
        var url = CliOptions.Url();
        var events = CliOptions.Number("--events", 200_000, 1, "events (and alerts) to send to each");
        var batch = CliOptions.Number("--batch", 1000, 1, "events per request");
        var concurrency = CliOptions.Number("--concurrency", 4, 1, "connections sending at once");
        var binary = new Option<string>("--alertmanager")
        {
            Description = "the Alertmanager binary (Debian: apt-get install prometheus-alertmanager)",
            DefaultValueFactory = _ => "/usr/bin/prometheus-alertmanager",
            HelpName = "PATH",
        };
        var drain = CliOptions.Number("--drain-timeout-sec", 120, 1, "how long to wait for the host to process what it accepted");
        var alertmanager = new Command("alertmanager",
            "the same events to a running host and, as alerts, to a throw-away Alertmanager (POST /api/v2/alerts); "
            + "prints both accepted/s, AiOps' processed/s and the ratio")
        {
            url, events, batch, concurrency, binary, drain,
        };
        AiOpsCli.Handle(alertmanager, async (parsed, output, progress, cancellationToken) =>
        {
            var report = await AlertmanagerBench.RunAsync(new AlertmanagerOptions(
                parsed.GetValue(url)!,
                parsed.GetValue(events),
                parsed.GetValue(batch),
                parsed.GetValue(concurrency),
                parsed.GetValue(binary)!,
                TimeSpan.FromSeconds(parsed.GetValue(drain))), output, progress, cancellationToken);
            return report.AiOps.Accepted == report.AiOps.Sent && report.AlertmanagerAccepted == report.AlertmanagerSent
                ? ExitCodes.Ok
                : ExitCodes.Findings;
        });
        return new Command("bench", "benchmarks against other tools, and of the first event after start") { alertmanager, FirstEvent() };
    }

    private static Command FirstEvent()
    {
        var host = new Option<string>("--host")
        {
            Description = "the host to start for each run: a built AiOps.Silo.dll (run with dotnet) or a published AiOps.Silo",
            Required = true,
            HelpName = "PATH",
        };
        var runs = CliOptions.Number("--runs", 3, 1, "fresh starts to measure");
        var ready = CliOptions.Number("--ready-timeout-sec", 120, 1, "how long a start may take");
        var command = new Command("first-event",
            "starts a fresh host (empty data directory, free loopback ports) per run, sends one error log for a new ship as soon as "
            + "/health/ready answers and prints its stages to its incident; then an event for a second new ship")
        {
            host, runs, ready,
        };
        AiOpsCli.Handle(command, async (parsed, output, _, cancellationToken) =>
        {
            var report = await FirstEventBench.RunAsync(
                new FirstEventOptions(parsed.GetValue(host)!, parsed.GetValue(runs), TimeSpan.FromSeconds(parsed.GetValue(ready))), output, cancellationToken);
            return report.FirstToIncidentMs.Count == report.Runs.Count ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return command;
    }
}
