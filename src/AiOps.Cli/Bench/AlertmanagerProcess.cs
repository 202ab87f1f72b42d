using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiOps.Cli.Bench;

/// <summary>
/// A throw-away Alertmanager: on a free loopback port, without clustering, with a config that routes every
/// alert to a receiver that sends nothing, and its own temporary storage, removed when disposed.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    private const string Config = """
        route:
          receiver: "null"
          group_by: ["alertname"]
        receivers:
          - name: "null"
        """;

    private readonly Process _process;
    private readonly string _directory;

    private AlertmanagerProcess(Process process, string directory, Uri address)
    {
        (_process, _directory, Address) = (process, directory, address);
    }

    public Uri Address { get; }

    public static async Task<AlertmanagerProcess> StartAsync(string binary, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new ArgumentException($"Alertmanager is not installed at {binary} (Debian: apt-get install prometheus-alertmanager; or --alertmanager PATH)");
        }

        var directory = Directory.CreateTempSubdirectory("aiops-bench-alertmanager-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "alertmanager.yml"), Config, cancellationToken);
        var port = FreePort();
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            $"--config.file={Path.Combine(directory, "alertmanager.yml")}",
            $"--storage.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new AlertmanagerProcess(process, directory, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await started.WaitUntilReadyAsync(cancellationToken);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
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
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Alertmanager exited with {_process.ExitCode} at start");
            }

            try
            {
                using var response = await http.GetAsync("/-/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while it starts.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException("Alertmanager was not ready within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
