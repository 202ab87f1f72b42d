using AiOps.Core.Policy;

namespace AiOps.Cli.PolicyTools;

/// <summary><c>aiops policy validate [DIR]</c>: checks a policy folder as the host would load it, for CI pipelines.</summary>
public static class PolicyValidateCommand
{
    public static int Run(string directory, TextWriter output, TextWriter errors)
    {
        try
        {
            var bundle = PolicyLoader.Load(directory);
            var ships = bundle.OverriddenShips;
            output.WriteLine($"policy OK: {bundle.Fleet.Directory} (profile {bundle.Fleet.Profile}, {PolicyLoader.Sections.Length} segments, " +
                $"{ships.Count} ship override{(ships.Count == 1 ? "" : "s")}{(ships.Count == 0 ? "" : ": " + string.Join(", ", ships.Order()))})");
            return 0;
        }
        catch (PolicyException e)
        {
            errors.WriteLine($"policy INVALID: {Path.Combine(Path.GetFullPath(directory), e.File)}{(e.Line is null ? "" : $":{e.Line}")}: " +
                $"{(e.KeyPath.Length == 0 ? "" : e.KeyPath + ": ")}{e.Problem}");
            return 1;
        }
    }
}
