using System.Diagnostics;

namespace AiOps.Integration.Tests.Support;

/// <summary>The real host as its own process, so that a test can kill it the hard way.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The host's own log (stdout and stderr), for a failing test to point at.</summary>
    public string LogPath { get; private init; } = "";

    /// <summary>Starts the host with <paramref name="settings"/> on its command line and <paramref name="environment"/> as its environment variables.</summary>
    public static async Task<SiloProcess> StartAsync(IDictionary<string, string?> settings, IDictionary<string, string>? environment = null)
    {
        var port = FreePorts.Next();
        var arguments = new List<string> { HostDll(), "--urls", $"http://127.0.0.1:{port}" };
        foreach (var (key, value) in settings)
        {
            arguments.Add($"--{key}={value}");
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(info.ArgumentList.Add);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        // The host's own log, kept for a failing test to point at.
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(Path.GetTempPath(), $"aiops-silo-{port}.log")) { AutoFlush = true });
        process.OutputDataReceived += (_, line) => log.WriteLine(line.Data);
        process.ErrorDataReceived += (_, line) => log.WriteLine(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = address };
        await TestHost.EventuallyAsync(async () =>
        {
            try
            {
                return (await http.GetAsync("/health/ready")).IsSuccessStatusCode ? (object)true : null;
            }
            catch (HttpRequestException)
            {
                return process.HasExited ? throw new InvalidOperationException($"the host exited with {process.ExitCode}") : null;
            }
        }, "the host process to be ready", 60000);
        return new SiloProcess(process, address) { LogPath = Path.Combine(Path.GetTempPath(), $"aiops-silo-{port}.log") };
    }

    /// <summary>Kills the process at once: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    /// <summary>The host's own build output (the same configuration as the tests).</summary>
    public static string HostDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        return RepoPaths.Of("src", "AiOps.Silo", "bin", configuration, "net10.0", "AiOps.Silo.dll");
    }
}
