namespace AiOps.Core.Pipeline;

/// <summary>An event that the detectors found normal, with when they looked at it.</summary>
public readonly record struct NormalEvent(string TrackingId, DateTimeOffset DetectedAt);
