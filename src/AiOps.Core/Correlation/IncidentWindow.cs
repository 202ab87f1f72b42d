namespace AiOps.Core.Correlation;

/// <summary>The event-time span of an active incident that new anomalies can join.</summary>
[GenerateSerializer, Alias("aiops.incident-window.v1")]
public sealed class IncidentWindow
{
    [Id(0)] public required string IncidentId { get; set; }
    [Id(1)] public required DateTimeOffset FirstTs { get; set; }
    [Id(2)] public required DateTimeOffset LastTs { get; set; }

    public bool Admits(DateTimeOffset ts, TimeSpan window) => ts >= FirstTs - window && ts <= LastTs + window;

    public void Extend(DateTimeOffset ts)
    {
        if (ts < FirstTs)
        {
            FirstTs = ts;
        }

        if (ts > LastTs)
        {
            LastTs = ts;
        }
    }

    /// <summary>How far <paramref name="ts"/> lies outside the span (zero inside it).</summary>
    public TimeSpan DistanceTo(DateTimeOffset ts) =>
        ts < FirstTs ? FirstTs - ts : ts > LastTs ? ts - LastTs : TimeSpan.Zero;
}
