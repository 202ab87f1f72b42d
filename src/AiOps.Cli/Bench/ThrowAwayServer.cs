using System.Diagnostics;

namespace AiOps.Cli.Bench;

/// <summary>
/// A server a benchmark starts for itself: its own process on a loopback address, with a temporary directory of its
/// own; killed, and the directory removed, when disposed.
/// </summary>
public sealed class ThrowAwayServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private ThrowAwayServer(Process process, string directory, Uri address)
    {
        (_process, _directory, Address) = (process, directory, address);
    }

    public Uri Address { get; }

    /// <summary>Starts <paramref name="info"/> (its output is read and dropped) and waits until <paramref name="readyPath"/> answers a success.</summary>
    public static async Task<ThrowAwayServer> StartAsync(ProcessStartInfo info, string directory, Uri address, string readyPath, string name,
        TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        (info.RedirectStandardOutput, info.RedirectStandardError) = (true, true);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name} ({info.FileName})");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new ThrowAwayServer(process, directory, address);
        try
        {
            await started.WaitUntilReadyAsync(readyPath, name, readyTimeout, cancellationToken);
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

    private async Task WaitUntilReadyAsync(string path, string name, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < readyTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {_process.ExitCode} at start");
            }

            try
            {
                using var response = await http.GetAsync(path, cancellationToken);
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

            // Short: the first-event benchmark sends its event as soon as the host says ready.
            await Task.Delay(50, cancellationToken);
        }

        throw new InvalidOperationException($"{name} was not ready within {readyTimeout.TotalSeconds:0} s");
    }
}
