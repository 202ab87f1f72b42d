namespace AiOps.Core.Tracing;

public sealed record TraceStageView(string Stage, DateTimeOffset Ts, double LatencyMs, string Status, string? Error);
