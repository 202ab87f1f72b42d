using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiOps.Integration.Tests.Support;

/// <summary>
/// Sends an HTTP/1.1 request with a chunked body over a raw socket while reading the answer at the same time, as a
/// client that can hear a server refuse early does. A server that refuses a body part-way (413) answers and then
/// closes; HttpClient, still writing, may report the broken pipe of its write instead of the answer it was sent.
/// Here the write's failure is expected and the answer is what the test reads.
/// </summary>
internal static class EarlyAnswerHttp
{
    public sealed record Answer(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body);

    public static async Task<Answer> PostChunkedAsync(Uri baseAddress, string path, string contentType, byte[] body, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(timeout);
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, deadline.Token);
        var stream = client.GetStream();

        var sending = SendAsync(stream, baseAddress, path, contentType, body, deadline.Token);
        var answer = await ReadAnswerAsync(stream, deadline.Token);
        try
        {
            await sending;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server stopped reading after it answered: expected for a refused body.
        }

        return answer;
    }

    private static async Task SendAsync(NetworkStream stream, Uri baseAddress, string path, string contentType, byte[] body, CancellationToken cancel)
    {
        var head = $"POST {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancel);
        const int ChunkBytes = 64 * 1024;
        for (var at = 0; at < body.Length; at += ChunkBytes)
        {
            var length = Math.Min(ChunkBytes, body.Length - at);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{length:x}\r\n"), cancel);
            await stream.WriteAsync(body.AsMemory(at, length), cancel);
            await stream.WriteAsync("\r\n"u8.ToArray(), cancel);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancel);
    }

    private static async Task<Answer> ReadAnswerAsync(NetworkStream stream, CancellationToken cancel)
    {
        var reader = new AnswerReader(stream, cancel);
        var statusLine = await reader.ReadLineAsync();
        var parts = statusLine.Split(' ', 3);
        var status = (HttpStatusCode)int.Parse(parts[1]);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = await reader.ReadLineAsync(); line.Length > 0; line = await reader.ReadLineAsync())
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var bodyBytes = new MemoryStream();
        if (headers.TryGetValue("Content-Length", out var contentLength))
        {
            await reader.ReadExactlyAsync(bodyBytes, int.Parse(contentLength));
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            for (var size = Convert.ToInt32((await reader.ReadLineAsync()).Split(';')[0], 16); size > 0;
                 size = Convert.ToInt32((await reader.ReadLineAsync()).Split(';')[0], 16))
            {
                await reader.ReadExactlyAsync(bodyBytes, size);
                await reader.ReadLineAsync();
            }
        }

        return new Answer(status, headers, Encoding.UTF8.GetString(bodyBytes.ToArray()));
    }

    /// <summary>Buffered reads of lines and byte counts from the answer.</summary>
    private sealed class AnswerReader(NetworkStream stream, CancellationToken cancel)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<string> ReadLineAsync()
        {
            var line = new MemoryStream();
            while (true)
            {
                await FillAsync();
                var at = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                var stop = at < 0 ? _end : at;
                line.Write(_buffer, _start, stop - _start);
                _start = at < 0 ? _end : at + 1;
                if (at >= 0)
                {
                    return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
                }
            }
        }

        public async Task ReadExactlyAsync(MemoryStream into, int count)
        {
            while (count > 0)
            {
                await FillAsync();
                var take = Math.Min(count, _end - _start);
                into.Write(_buffer, _start, take);
                _start += take;
                count -= take;
            }
        }

        private async Task FillAsync()
        {
            if (_start < _end)
            {
                return;
            }

            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancel);
            if (_end == 0)
            {
                throw new IOException("the server closed the connection before its answer was complete");
            }
        }
    }
}
