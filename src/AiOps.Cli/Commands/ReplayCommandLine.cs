using System.CommandLine;
using AiOps.Cli.Replay;

namespace AiOps.Cli.Commands;

/// <summary><c>aiops replay FILE.ndjson [--policy DIR] [--json] [--timeout-sec N]</c>.</summary>
public static class ReplayCommandLine
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE.ndjson") { Description = "recorded telemetry, one log or metric JSON object per line" };
        var policy = CliOptions.Folder("--policy", "the policy folder to backtest (default: the shipped policies)", required: false);
        // `--json true` (the form scripts used before it was a flag) still parses: a bool option takes an optional value.
        var json = new Option<bool>("--json") { Description = "print the incidents as JSON" };
        var timeout = CliOptions.Number("--timeout-sec", 300, 1, "how long the Fast Path may take to settle");
        var command = new Command("replay",
            "run recorded telemetry through the real Fast Path in-process (streamed; progress and rejected lines on stderr); "
            + "print its incidents. Exit 1 when lines were rejected or it did not settle")
        {
            file, policy, json, timeout,
        };
        AiOpsCli.Handle(command, async (parsed, output, progress, cancellationToken) =>
        {
            var result = await ReplayCommand.RunAsync(parsed.GetValue(file)!, parsed.GetValue(policy),
                TimeSpan.FromSeconds(parsed.GetValue(timeout)), progress, cancellationToken);
            if (parsed.GetValue(json))
            {
                result.PrintJson(output);
            }
            else
            {
                result.Print(output);
            }

            return result.Rejected == 0 ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return command;
    }
}
