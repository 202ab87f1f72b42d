using System.CommandLine;
using AiOps.Core.Policy;
using AiOps.Core.Slo;

namespace AiOps.Cli.Commands;

/// <summary><c>aiops slo rules [DIR]</c>.</summary>
public static class SloCommandLine
{
    public static Command Create()
    {
        var folder = CliOptions.PolicyFolder("the policy folder whose slo.yaml the rules come from");
        var rules = new Command("rules", "print the vmalert/Prometheus SLO alert rules derived from DIR/slo.yaml") { folder };
        AiOpsCli.Handle(rules, (parsed, output, _, _) =>
        {
            output.Write(SloRules.Render(PolicyLoader.Load(CliOptions.ExistingFolder(parsed.GetValue(folder)!, "policy folder")).Fleet.Slo));
            return Task.FromResult(ExitCodes.Ok);
        });
        return new Command("slo", "service-level objective tools") { rules };
    }
}
