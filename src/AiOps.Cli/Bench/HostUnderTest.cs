using System.Diagnostics;

namespace AiOps.Cli.Bench;

/// <summary>
/// A fresh AiOps host for one benchmark run: its own process on free loopback ports (HTTP, silo, gateway) and an
/// empty data directory of its own, killed and removed when disposed. A path ending in <c>.dll</c> runs under
/// <c>dotnet</c>; anything else (a published host's <c>AiOps.Silo</c>) runs as it is.
/// </summary>
public static class HostUnderTest
{
    public static async Task<ThrowAwayServer> StartAsync(string host, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(host))
        {
            throw new ArgumentException($"no host at {host} (build it: dotnet publish src/AiOps.Silo -c Release -r linux-x64, or deploy/systemd/publish.sh)");
        }

        var directory = Directory.CreateTempSubdirectory("aiops-bench-host-").FullName;
        var port = LoopbackPorts.Free();
        var info = host.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? new ProcessStartInfo("dotnet") { ArgumentList = { host } } : new ProcessStartInfo(host);
        foreach (var argument in new[]
        {
            "--urls", $"http://127.0.0.1:{port}",
            $"--AiOps:DataDirectory={directory}",
            $"--Orleans:Endpoints:SiloPort={LoopbackPorts.Free()}",
            $"--Orleans:Endpoints:GatewayPort={LoopbackPorts.Free()}",
        })
        {
            info.ArgumentList.Add(argument);
        }

        return await ThrowAwayServer.StartAsync(info, directory, new Uri($"http://127.0.0.1:{port}"), "/health/ready", "the host", readyTimeout, cancellationToken);
    }
}
