using System.Diagnostics;

namespace AiOps.Integration.Tests.Support;

/// <summary>A real redis-server (Debian's, installed by .ci/run) on a free loopback port, with no persistence.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static bool IsInstalled => File.Exists("/usr/bin/redis-server");

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePorts.Next();
        var directory = Directory.CreateTempSubdirectory("aiops-redis-").FullName;
        var process = Process.Start(new ProcessStartInfo("/usr/bin/redis-server",
            $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {directory}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new RedisServer(process, port);
        await LoopbackPort.WaitUntilListeningAsync(port, "redis-server to listen");
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
