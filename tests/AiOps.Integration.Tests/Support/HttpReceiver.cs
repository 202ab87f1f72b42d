using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiOps.Integration.Tests.Support;

/// <summary>
/// A local HTTP endpoint inside the test suite (automation endpoint, webhook receiver): records every POST
/// with its headers and body, and answers with the status the test chooses for that body.
/// </summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>The status to answer, given the request body; 200 unless the test says otherwise.</summary>
    public Func<string, int> StatusFor { get; set; } = _ => StatusCodes.Status200OK;

    public static async Task<HttpReceiver> StartAsync()
    {
        var app = LoopbackWebApp.Create();
        var receiver = new HttpReceiver(app);
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver.StatusFor(body);
            receiver.Received.Enqueue(new ReceivedRequest(request.Path, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Address = new Uri(LoopbackWebApp.AddressOf(app), "/");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST the receiver got, and the status it answered.</summary>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Status = 200);
