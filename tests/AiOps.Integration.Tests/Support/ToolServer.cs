using System.Diagnostics;
using System.Text;

namespace AiOps.Integration.Tests.Support;

/// <summary>
/// A real server from a Debian package (prometheus, vmalert, victoria-metrics) started by a test on a free
/// loopback port and killed when the test ends; its output is kept for the failure message.
/// </summary>
public sealed class ToolServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ToolServer(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="binary"/> with arguments built for its port, and waits until it listens.</summary>
    public static async Task<ToolServer> StartAsync(string binary, Func<int, string> arguments, string workingDirectory)
    {
        var port = FreePorts.Next();
        var process = Process.Start(new ProcessStartInfo(binary, arguments(port))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new ToolServer(process, port);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(port, $"{Path.GetFileName(binary)} to listen");
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"{binary} did not listen on {port}: {server.Output}");
        }

        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
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
