using System.CommandLine;
using AiOps.Cli.Detect;

namespace AiOps.Cli.Commands;

/// <summary><c>aiops detect --input DIR --output DIR [--policy DIR]</c>.</summary>
public static class DetectCommandLine
{
    public static Command Create()
    {
        var input = CliOptions.Folder("--input", "a folder of timestamp,value CSVs (searched recursively)", required: true);
        var output = CliOptions.Folder("--output", "where timestamp,is_anomaly,anomaly_score CSVs go, at the same relative paths", required: true);
        var policy = CliOptions.Folder("--policy", "the policy folder (default ./policies, else the shipped policies)", required: false);
        var command = new Command("detect", "run the production metric detector over timestamp,value CSVs (e.g. NAB); progress on stderr")
        {
            input, output, policy,
        };
        AiOpsCli.Handle(command, (parsed, result, progress, _) =>
            Task.FromResult(DetectCommand.Run(parsed.GetValue(input)!, parsed.GetValue(output)!, parsed.GetValue(policy), result, progress)));
        return command;
    }
}
