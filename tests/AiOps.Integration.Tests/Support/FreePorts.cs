using System.Net;
using System.Net.Sockets;

namespace AiOps.Integration.Tests.Support;

internal static class FreePorts
{
    // Below the kernel's ephemeral range (32768-60999 on Linux): a port the kernel handed out for "port 0" is
    // free again once probed, and the next outgoing connection of any test may take it as its local port before
    // the server that was meant to listen on it starts ("address already in use"). Ports from here are never
    // handed out that way; each is given once per test process, from a random start so parallel runs differ.
    private const int First = 20000;
    private const int Last = 32000;
    private static int _next = First + Random.Shared.Next(Last - First);

    /// <summary>A loopback port nobody listens on right now and no other test of this process was given.</summary>
    public static int Next()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var port = First + (Interlocked.Increment(ref _next) - First) % (Last - First);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken by something else on the machine: try the next one.
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }
}
