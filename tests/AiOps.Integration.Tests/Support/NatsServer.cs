using System.Diagnostics;

namespace AiOps.Integration.Tests.Support;

/// <summary>A real nats-server with JetStream (Debian's, installed by .ci/run) on a free loopback port.</summary>
public sealed class NatsServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nats-server";

    private readonly Process _process;

    private NatsServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public static Task<NatsServer> StartAsync() => StartAsync(FreePorts.Next());

    /// <summary>Starts on <paramref name="port"/>: a test that starts its host first takes the port beforehand.</summary>
    public static async Task<NatsServer> StartAsync(int port)
    {
        var store = Directory.CreateTempSubdirectory("aiops-nats-").FullName;
        var process = Process.Start(new ProcessStartInfo(Binary, $"-a 127.0.0.1 -p {port} -js -sd {store}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await LoopbackPort.WaitUntilListeningAsync(port, "nats-server to listen");
        return new NatsServer(process, port);
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
