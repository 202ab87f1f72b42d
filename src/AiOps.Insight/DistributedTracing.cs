using Microsoft.Extensions.Configuration;

namespace AiOps.Insight;

/// <summary>
/// Opt-in tracing: on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names an OTLP receiver (the OpenTelemetry SDKs'
/// own variable, read here from configuration so that it can also be set in appsettings); without it nothing
/// creates or exports spans.
/// </summary>
public static class DistributedTracing
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The ActivitySource of the Insight Path's model calls (Microsoft.Extensions.AI's OpenTelemetry chat client).</summary>
    public const string ChatSource = "AiOps.Insight.Chat";

    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointKey]);
}
