using System.Diagnostics;

namespace AiOps.Integration.Tests.Support;

/// <summary>
/// A real server from a Debian package (victoria-metrics, vmalert, prometheus-alertmanager, ...) started by a
/// test on a loopback port, its output kept in a log file, killed on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port, string logPath)
    {
        _process = process;
        Port = port;
        LogPath = logPath;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public string LogPath { get; }

    public static async Task<ServerProcess> StartAsync(string binary, IEnumerable<string> arguments, int port, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        var logPath = Path.Combine(Path.GetTempPath(), $"aiops-{Path.GetFileName(binary)}-{port}.log");
        var log = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
        process.OutputDataReceived += (_, line) => log.WriteLine(line.Data);
        process.ErrorDataReceived += (_, line) => log.WriteLine(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port, logPath);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(port, $"{binary} to listen on {port} (log: {logPath})");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
