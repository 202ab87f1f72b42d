using System.Diagnostics;

namespace AiOps.Cli.Bench;

/// <summary>
/// A throw-away Alertmanager: on a free loopback port, without clustering, with a config that routes every
/// alert to a receiver that sends nothing, and its own temporary storage, removed when disposed.
/// </summary>
public static class AlertmanagerProcess
{
    private const string Config = """
        route:
          receiver: "null"
          group_by: ["alertname"]
        receivers:
          - name: "null"
        """;

    public static async Task<ThrowAwayServer> StartAsync(string binary, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new ArgumentException($"Alertmanager is not installed at {binary} (Debian: apt-get install prometheus-alertmanager; or --alertmanager PATH)");
        }

        var directory = Directory.CreateTempSubdirectory("aiops-bench-alertmanager-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "alertmanager.yml"), Config, cancellationToken);
        var port = LoopbackPorts.Free();
        var info = new ProcessStartInfo(binary);
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

        return await ThrowAwayServer.StartAsync(info, directory, new Uri($"http://127.0.0.1:{port}"), "/-/ready", "Alertmanager", TimeSpan.FromSeconds(30), cancellationToken);
    }
}
