namespace AiOps.Core.Correlation;

/// <summary>A resolved incident of this key that its key firing again within <c>reopen_window_sec</c> reopens.</summary>
[GenerateSerializer, Alias("aiops.closed-incident.v1")]
public sealed class ClosedIncident
{
    [Id(0)] public required DateTimeOffset LastEventTs { get; set; }

    /// <summary>The later of its closing and its last event: the reopen window counts from here (event time).</summary>
    [Id(1)] public required DateTimeOffset ClosedFrom { get; set; }
}
