using System.CommandLine;
using AiOps.Cli.Bench;

namespace AiOps.Cli.Commands;

/// <summary><c>aiops bench alertmanager</c>: AiOps' ingest beside a throw-away Alertmanager, the same events to both.</summary>
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
        return new Command("bench", "benchmarks against other tools") { alertmanager };
    }
}
