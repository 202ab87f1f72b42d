using System.Reflection;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AiOps.Integration.Tests.Conventions;

/// <summary>
/// One EventId per log message across all AiOps assemblies, so that an alert or a log query on an id finds one
/// kind of event. The ranges are listed in AGENTS.md; a new message takes the next free id of its range.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class LogEventIdTests
{
    private static readonly Assembly[] AiOpsAssemblies =
    [
        typeof(AiOps.Contracts.StorageNames).Assembly,
        typeof(AiOps.Core.Policy.PolicyRuntime).Assembly,
        typeof(AiOps.Insight.InsightQueue).Assembly,
        typeof(AiOps.Grains.Monitoring.FastPathMetrics).Assembly,
        typeof(AiOps.Infrastructure.GrainServiceSettings).Assembly,
        typeof(AiOps.Silo.Hosting.AiOpsOptions).Assembly,
        typeof(AiOps.Cli.Commands.AiOpsCli).Assembly,
    ];

    [Fact]
    public void Every_log_message_has_an_event_id_of_its_own()
    {
        var messages = AiOpsAssemblies
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.FullName}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(message => message.Attribute is not null)
            .ToList();

        // The source generator needs the attribute; if reflection stopped seeing it, this test would check nothing.
        Assert.True(messages.Count >= 50, $"found only {messages.Count} [LoggerMessage] methods");
        Assert.Empty(messages.Where(message => message.Attribute!.EventId == 0).Select(message => message.Method));
        var shared = messages
            .GroupBy(message => message.Attribute!.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(message => message.Method))}");
        Assert.Empty(shared);
    }
}
