using System.Net.Sockets;

namespace AiOps.Integration.Tests.Support;

internal static class LoopbackPort
{
    /// <summary>Waits until a server accepts connections on a loopback port.</summary>
    public static Task WaitUntilListeningAsync(int port, string what) =>
        TestHost.EventuallyAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return (object)true;
            }
            catch (SocketException)
            {
                return null;
            }
        }, what);
}
