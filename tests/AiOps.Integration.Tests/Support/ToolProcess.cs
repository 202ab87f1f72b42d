using System.Diagnostics;

namespace AiOps.Integration.Tests.Support;

/// <summary>Runs a command-line tool to its end and returns its exit code and everything it printed.</summary>
internal static class ToolProcess
{
    /// <summary>
    /// Far beyond any tool's run here (all of the plugin's npm steps together take about a minute and a half on a
    /// busy machine): a deadline only so that a hung tool fails its test instead of holding the run forever.
    /// </summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static async Task<(int Exit, string Output)> RunAsync(string tool, string arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(tool, arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {arguments} had not ended after {Deadline.TotalMinutes} minutes");
        }

        return (process.ExitCode, await output + await errors);
    }
}
