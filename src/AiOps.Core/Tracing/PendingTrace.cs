using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Tracing;

/// <summary>
/// One trace part waiting to be written: a normal event as two times (no allocation beyond the struct), or a
/// record of an anomalous event (<see cref="Record"/> set).
/// </summary>
public readonly record struct PendingTrace(string TrackingId, long IngestedTicks, long DetectedTicks, TraceRecord? Record)
{
    /// <summary>Which part of the trace this is (<see cref="TraceParts"/>).</summary>
    public int Part => Record is null ? TraceParts.Normal : TraceParts.Of(Record);

    /// <summary>When the trace began (UTC ticks): what retention prunes by.</summary>
    public long StartTicks => Record is null ? IngestedTicks : TraceParts.StartTicks(Record);
}
