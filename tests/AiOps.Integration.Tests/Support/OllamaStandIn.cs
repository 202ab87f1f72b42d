using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiOps.Core.Insight;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiOps.Integration.Tests.Support;

/// <summary>
/// A wire-level STAND-IN for Ollama, inside the test suite (no model runs here): it speaks Ollama's HTTP API
/// (<c>/api/chat</c> streamed or not, <c>/api/embed</c>, <c>/api/tags</c>) on a loopback port, records what it
/// receives, and answers as the test tells it: a JSON insight, garbage, or slowly.
/// </summary>
public sealed class OllamaStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalTextEmbedder _embedder = new();

    private OllamaStandIn(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Bodies of the chat requests received, in order.</summary>
    public ConcurrentQueue<string> ChatRequests { get; } = new();

    public int ChatCalls => ChatRequests.Count;

    public int EmbedCalls { get; private set; }

    /// <summary>What the "model" answers, given the request's user message.</summary>
    public Func<string, string> Answer { get; set; } = DefaultAnswer;

    /// <summary>How long the "model" takes to answer a chat request: a slow model's latency, not a wait in a test.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>Chat requests hang until the client gives up (a model stuck on a ship's CPU).</summary>
    public bool HangChat { get; set; }

    /// <summary>Embedding requests hang until the client gives up.</summary>
    public bool HangEmbeddings { get; set; }

    /// <summary>When set, chat and embedding requests are answered with this status and no body (e.g. 500).</summary>
    public int? FailWith { get; set; }

    public static async Task<OllamaStandIn> StartAsync()
    {
        var app = LoopbackWebApp.Create();
        var standIn = new OllamaStandIn(app);
        app.MapGet("/api/tags", () => Results.Json(new
        {
            models = new[] { new { name = "phi3:mini", model = "phi3:mini", size = 2_200_000_000L }, new { name = "nomic-embed-text", model = "nomic-embed-text", size = 274_000_000L } },
        }));
        app.MapPost("/api/embed", standIn.EmbedAsync);
        app.MapPost("/api/chat", standIn.ChatAsync);
        await app.StartAsync();
        standIn.Address = LoopbackWebApp.AddressOf(app);
        return standIn;
    }

    /// <summary>A well-formed insight that cites one real ref and runbook, plus invented ones that must be dropped.</summary>
    public static string DefaultAnswer(string userMessage)
    {
        var request = JsonNode.Parse(userMessage)!;
        var firstRef = request["incident"]!["evidence"]!.AsArray()[0]!["ref"]!.GetValue<string>();
        var runbook = request["context_documents"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).FirstOrDefault(id => id.StartsWith("rb-", StringComparison.Ordinal)) ?? "rb-none";
        return JsonSerializer.Serialize(new
        {
            narrative = "The satellite modem lost its carrier; traffic to shore is down. Check antenna tracking and blockage first.",
            confidence = "high",
            evidence_refs = new[] { firstRef, "/api/v3/trace/invented-by-the-model" },
            runbooks = new[] { runbook, "rb-made-up-by-the-model" },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HangAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, aborted);
        }
        catch (OperationCanceledException)
        {
            // the client gave up
        }
    }

    private async Task<IResult> EmbedAsync(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body);
        EmbedCalls++;
        if (HangEmbeddings)
        {
            await HangAsync(request.HttpContext.RequestAborted);
            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }

        if (FailWith is { } status)
        {
            return Results.StatusCode(status);
        }

        var input = body!["input"]!;
        var texts = input is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [input.GetValue<string>()];
        return Results.Json(new { model = body["model"]?.GetValue<string>(), embeddings = texts.Select(t => _embedder.Embed(t)).ToArray() });
    }

    private async Task ChatAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync();
        ChatRequests.Enqueue(raw);
        if (HangChat)
        {
            await HangAsync(context.RequestAborted);
            return;
        }

        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        var body = JsonNode.Parse(raw)!;
        var user = body["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var content = Answer(user);
        var model = body["model"]?.GetValue<string>() ?? "phi3:mini";
        var now = DateTimeOffset.UtcNow.ToString("O");
        context.Response.ContentType = "application/x-ndjson";
        if (body["stream"]?.GetValue<bool>() == false)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                model, created_at = now, message = new { role = "assistant", content }, done = true, done_reason = "stop",
                total_duration = 1000, prompt_eval_count = 100, eval_count = 50,
            }));
            return;
        }

        var half = content.Length / 2;
        foreach (var part in new[] { content[..half], content[half..] })
        {
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { model, created_at = now, message = new { role = "assistant", content = part }, done = false }) + "\n");
            await context.Response.Body.FlushAsync();
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            model, created_at = now, message = new { role = "assistant", content = "" }, done = true, done_reason = "stop",
            total_duration = 1000, prompt_eval_count = 100, eval_count = 50,
        }) + "\n");
    }
}
