using AiOps.Contracts.Messages;

namespace AiOps.Core.Detection;

/// <summary>An anomaly and the incident type it belongs to (from the pattern or rule that classified it).</summary>
public sealed record DetectedAnomaly(AnomalyDetected Anomaly, string IncidentType);
