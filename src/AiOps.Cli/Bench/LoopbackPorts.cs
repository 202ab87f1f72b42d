using System.Net;
using System.Net.Sockets;

namespace AiOps.Cli.Bench;

/// <summary>Free TCP ports on the loopback interface, for the throw-away servers a benchmark starts.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
