namespace AiOps.Core.Alerts;

/// <summary>An alert a service has seen firing: enough to recognise its repeats and to resolve it later.</summary>
[GenerateSerializer, Alias("aiops.firing-alert.v1")]
public sealed class FiringAlert
{
    [Id(0)] public string IncidentType { get; set; } = "";

    /// <summary>The sender's <c>endsAt</c> on its latest repeat: past it without a repeat, the alert is over.</summary>
    [Id(1)] public DateTimeOffset? EndsAt { get; set; }
    [Id(2)] public DateTimeOffset LastSeen { get; set; }
}
