using System.CommandLine;
using AiOps.Cli.Templates;

namespace AiOps.Cli.Commands;

/// <summary><c>aiops templates --input DIR --output DIR</c>.</summary>
public static class TemplatesCommandLine
{
    public static Command Create()
    {
        var input = CliOptions.Folder("--input", "a folder of NAME.log files, one message per line", required: true);
        var output = CliOptions.Folder("--output", "where NAME.csv (line,template_id) goes", required: true);
        var command = new Command("templates", "mine log templates with the host's miner: NAME.csv (line,template_id) for every NAME.log")
        {
            input, output,
        };
        AiOpsCli.Handle(command, (parsed, result, _, _) =>
            Task.FromResult(TemplatesCommand.Run(parsed.GetValue(input)!, parsed.GetValue(output)!, result)));
        return command;
    }
}
