using System.CommandLine;
using AiOps.Cli.PolicyTools;

namespace AiOps.Cli.Commands;

/// <summary><c>aiops policy validate [DIR]</c>: exit 0, or 1 with file:line of what is wrong.</summary>
public static class PolicyCommandLine
{
    public static Command Create()
    {
        var folder = CliOptions.PolicyFolder("the policy folder");
        var validate = new Command("validate", "check a policy folder as the host would load it (exit 1 and file:line when invalid)") { folder };
        AiOpsCli.Handle(validate, (parsed, output, error, _) =>
            Task.FromResult(PolicyValidateCommand.Run(CliOptions.ExistingFolder(parsed.GetValue(folder)!, "policy folder"), output, error)));
        return new Command("policy", "policy tools") { validate };
    }
}
