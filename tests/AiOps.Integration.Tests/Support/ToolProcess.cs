using System.Diagnostics;

namespace AiOps.Integration.Tests.Support;

/// <summary>Runs a command-line tool to its end and returns its exit code and everything it printed.</summary>
internal static class ToolProcess
{
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
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
