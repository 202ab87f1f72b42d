using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace AiOps.Cli.Commands;

/// <summary>
/// <c>aiops --version</c>: this assembly's informational version (version and commit). The stock action reads the
/// entry assembly's, which is the test host's when the command line runs in a test.
/// </summary>
public sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString() ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Ok;
    }
}
