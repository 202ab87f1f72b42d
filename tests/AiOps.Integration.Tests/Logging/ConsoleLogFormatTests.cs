using System.Text.Json;
using AiOps.Grains.Monitoring;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AiOps.Integration.Tests.Logging;

/// <summary>The host's console log: one JSON object a line for collectors, a readable line in Development.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class ConsoleLogFormatTests
{
    [Fact]
    public async Task Production_writes_one_json_object_a_line_with_scopes()
    {
        var line = await FormatAsync("Production");

        using var entry = JsonDocument.Parse(line);
        Assert.Equal("Warning", entry.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("Carrier lost on beam 3", entry.RootElement.GetProperty("Message").GetString());
        Assert.Equal("viking-star", entry.RootElement.GetProperty("Scopes")[0].GetProperty("ship_id").GetString());
        Assert.EndsWith("Z", entry.RootElement.GetProperty("Timestamp").GetString());
    }

    [Fact]
    public async Task Development_writes_a_readable_line_with_level_category_message_and_scope()
    {
        var line = await FormatAsync("Development");

        Assert.DoesNotContain('{', line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("warn: AiOps.Test[7]", line);
        Assert.Contains("Carrier lost on beam 3", line);
        Assert.Contains("ship_id=viking-star", line);
    }

    /// <summary>One warning, inside a ship scope, as the host's own console formatter in <paramref name="environment"/> writes it.</summary>
    private static async Task<string> FormatAsync(string environment)
    {
        await using var app = AiOpsApp.Build(["--environment", environment], builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["AiOps:DataDirectory"] = Path.Combine(Path.GetTempPath(), "aiops-test-" + Guid.NewGuid().ToString("N")) }));
        var options = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == options.FormatterName);
        var scopes = new LoggerExternalScopeProvider();
        using var scope = LogScopes.ForEvent(new ScopeLogger(scopes), "req-20261124-000000-0badcafe", "viking-star");
        using var output = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Warning, "AiOps.Test", new EventId(7), "Carrier lost on beam 3", null, (state, _) => state), scopes, output);
        return output.ToString();
    }

    /// <summary>Opens the host's own scopes (<see cref="LogScopes"/>) on a scope provider, as a console logger does.</summary>
    private sealed class ScopeLogger(IExternalScopeProvider scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
