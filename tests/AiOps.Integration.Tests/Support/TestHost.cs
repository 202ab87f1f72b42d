using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AiOps.Integration.Tests.Support;

/// <summary>
/// The real host (silo, ingest and API in one process) on free loopback ports with its own data directory,
/// as a newcomer starts it, plus helpers to talk to it over HTTP.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, string dataDirectory, HttpClient client)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Http = client;
    }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    public IServiceProvider Services => _app.Services;

    public static async Task<TestHost> StartAsync(string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "aiops-test-" + Guid.NewGuid().ToString("N"));
        var configuration = new Dictionary<string, string?>
        {
            ["AiOps:DataDirectory"] = dataDirectory,
            ["AiOps:ShipId"] = "ship-test",
            ["Orleans:Endpoints:SiloPort"] = FreePorts.Next().ToString(),
            ["Orleans:Endpoints:GatewayPort"] = FreePorts.Next().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:AiOps"] = "Warning",
            // The test process compiles new code all the time (other tests), so its JIT never goes quiet: every
            // start would wait the whole bound. JitQuietTests covers the wait.
            ["AiOps:WarmupJitQuietSeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = AiOpsApp.Build(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(configuration));
        await app.StartAsync();
        // As a load balancer would: a test starts on a host that says ready, which it does once its warm-up (the
        // Fast Path run once at start, after StartAsync) is done; on a busy machine that takes a moment.
        if (app.Services.GetService<AiOps.Silo.Features.Warmup.WarmupState>() is { } warmup)
        {
            await EventuallyAsync(() => Task.FromResult(warmup.IsDone ? (object)true : null), "the host's warm-up", 60000);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, dataDirectory, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
    }

    public Task<HttpResponseMessage> PostNdjsonAsync(string path, IEnumerable<object> items) =>
        PostRawAsync(path, string.Join('\n', items.Select(i => JsonSerializer.Serialize(i, AiOpsJson.Options))), "application/x-ndjson");

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType = "application/json") =>
        PostBytesAsync(path, Encoding.UTF8.GetBytes(body), contentType);

    public async Task<HttpResponseMessage> PostBytesAsync(string path, byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await Http.PostAsync(path, content);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} gave {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonFromAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Polls until <paramref name="probe"/> gives a value, or fails the test at the deadline.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, int timeoutMs = 15000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Incidents of a ship, once there are at least <paramref name="count"/>.</summary>
    public Task<JsonElement[]> IncidentsOfShipAsync(string shipId, int count, int timeoutMs = 15000) =>
        EventuallyAsync(async () =>
        {
            var page = await GetJsonAsync($"/api/v3/incidents?ship_id={shipId}&per_page=200");
            var data = page.GetProperty("data").EnumerateArray().ToArray();
            return data.Length >= count ? data : null;
        }, $"{count} incidents on {shipId}", timeoutMs);

    /// <summary>The trace of a tracking id once it has reached <paramref name="stage"/>.</summary>
    public Task<JsonElement> TraceAtStageAsync(string trackingId, string stage) =>
        EventuallyAsync<JsonElement?>(async () =>
        {
            using var response = await Http.GetAsync($"/api/v3/trace/{trackingId}");
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var trace = await response.Content.ReadFromJsonAsync<JsonElement>();
            return trace.GetProperty("stages").EnumerateArray().Any(s => s.GetProperty("stage").GetString() == stage) ? trace : null;
        }, $"trace {trackingId} at stage {stage}").ContinueWith(t => t.Result!.Value);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
