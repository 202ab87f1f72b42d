using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Tests;

/// <summary>Builders for test messages with sensible defaults.</summary>
internal static class Make
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static int _ids;

    public static string Id() => $"t-{Interlocked.Increment(ref _ids)}";

    public static LogMessage Log(string msg, MessageLevel level = MessageLevel.Error, Domain domain = Domain.App,
        string service = "orders", DateTimeOffset? ts = null, string ship = "ship-a", string? device = null) => new()
    {
        TrackingId = Id(),
        Ts = ts ?? T0,
        ShipId = ship,
        Domain = domain,
        Service = service,
        Level = level,
        Msg = msg,
        DeviceId = device,
    };

    public static MetricSample Sample(string metric, double value, DateTimeOffset ts, Domain domain = Domain.System,
        string service = "host", string ship = "ship-a", string? device = "dev-1") => new()
    {
        TrackingId = Id(),
        Ts = ts,
        ShipId = ship,
        Domain = domain,
        Service = service,
        Metric = metric,
        Value = value,
        DeviceId = device,
    };

    public static AnomalyEnriched Anomaly(DateTimeOffset ts, string type = "db_conn_timeout", string service = "orders",
        string? device = "db-1", Severity severity = Severity.High, string ship = "ship-a", double score = 0.85) => new()
    {
        TrackingId = Id(),
        Ts = ts,
        ShipId = ship,
        Domain = Domain.App,
        AnomalyType = type,
        Service = service,
        Score = score,
        Detector = "pattern",
        DeviceId = device,
        Context = AnomalyContext.Empty,
        Severity = severity,
    };

    public static CorrelationCandidate Candidate(AnomalyEnriched anomaly, string incidentType = "resource_pressure") => new()
    {
        Anomaly = anomaly,
        IncidentType = incidentType,
        IngestedAt = anomaly.Ts,
        DetectedAt = anomaly.Ts,
        EnrichedAt = anomaly.Ts,
    };
}
