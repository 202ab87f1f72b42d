using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Remediation;

/// <summary>
/// The body of <c>POST /api/v3/actions/{action}/execute</c>. Ship and service follow ingest's rules, so an action
/// names them exactly as their telemetry does.
/// </summary>
public sealed record ExecuteBody : IJsonBody<ExecuteBody>
{
    public const int MaxReasonLength = 1000;

    [ShipId(Required = true)]
    public string ShipId { get; init; } = null!;

    [Name(Required = true)]
    public string Service { get; init; } = null!;

    [Text(200)]
    public string? IncidentId { get; init; }

    [Text(MaxReasonLength)]
    public string? Reason { get; init; }

    /// <summary>Run the checks and record what would be done, without doing it.</summary>
    public bool DryRun { get; init; }

    /// <summary>The Insight Path proposed the action; the approvals it needs follow remediate.yaml.</summary>
    public bool SuggestedByInsight { get; init; }
}
