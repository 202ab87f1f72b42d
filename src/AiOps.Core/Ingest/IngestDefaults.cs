using AiOps.Core.Policy;

namespace AiOps.Core.Ingest;

/// <summary>What the host fills in for fields a sender may leave out, and the limits items must keep.</summary>
public sealed record IngestDefaults(string ShipId, DateTimeOffset Now, int MaxMsgBytes, int MaxLabels, IngestLimits Limits)
{
    public static IngestDefaults From(IngestPolicy policy, string shipId, DateTimeOffset now) =>
        new(shipId, now, policy.Logs.MaxMsgSizeBytes, policy.Metrics.CardinalityLimits.MaxLabelsPerMetric, policy.Limits);
}
