using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiOps.Contracts;
using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Incidents;

/// <summary>
/// The body of <c>PATCH /api/v3/incidents/{id}</c>: a status, an owner, or both. An owner's name sets it explicitly
/// and null clears it; given with <c>ack</c> it wins over the acknowledger.
/// </summary>
public sealed record StatusPatch : IJsonBody<StatusPatch>, IValidatableObject
{
    public const int MaxCommentLength = 2000;
    public const int MaxOwnerLength = 200;

    [OneOf("ack", "resolved", "suppressed")]
    public string? Status { get; init; }

    [Text(MaxCommentLength)]
    public string? Comment { get; init; }

    [Text(MaxOwnerLength)]
    public string? Owner { get; init; }

    /// <summary>Whether the body has <c>owner</c> at all: null clears the owner, a missing field leaves it.</summary>
    [JsonIgnore]
    public bool OwnerGiven { get; init; }

    /// <summary>The status to move to, once validation has passed.</summary>
    public IncidentStatus? Target() => Status is null ? null : Enum.Parse<IncidentStatus>(Status, ignoreCase: true);

    /// <summary>The owner to set: trimmed, and blank means none.</summary>
    public string? NewOwner() => string.IsNullOrWhiteSpace(Owner) ? null : Owner.Trim();

    public static StatusPatch Completed(StatusPatch body, JsonElement json) => body with { OwnerGiven = json.TryGetProperty("owner", out _) };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status is null && !OwnerGiven)
        {
            yield return new ValidationResult("field 'status' is required (or 'owner', to assign)", ["status"]);
        }
    }
}
