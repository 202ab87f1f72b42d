namespace AiOps.Cli.Commands;

/// <summary>The one exit-code scheme of every <c>aiops</c> command, so a script can branch on it.</summary>
public static class ExitCodes
{
    /// <summary>The command did its work and found nothing to report.</summary>
    public const int Ok = 0;

    /// <summary>The command ran to its end and found something to look at: an invalid policy, events rejected or lost.</summary>
    public const int Findings = 1;

    /// <summary>The command could not run: a usage error (unknown option, bad value, missing file), a host it cannot reach, or a failure before its end.</summary>
    public const int UsageOrUnreachable = 2;

    public const string HelpText = "exit codes: 0 ok, 1 findings (invalid policy, events rejected or lost), 2 usage error or unreachable host";
}
