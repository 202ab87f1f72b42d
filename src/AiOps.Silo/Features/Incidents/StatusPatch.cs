using System.Text.Json;
using AiOps.Contracts;
using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Incidents;

/// <summary>
/// The body of <c>PATCH /api/v3/incidents/{id}</c>: <c>{status?: ack|resolved|suppressed, comment?, owner?}</c>, with a
/// status or an owner (a name sets it explicitly, null clears it; given with <c>ack</c> it wins over the acknowledger).
/// </summary>
public sealed record StatusPatch(IncidentStatus? Status, string? Comment, bool OwnerGiven = false, string? Owner = null)
{
    public const int MaxCommentLength = 2000;
    public const int MaxOwnerLength = 200;

    public static async Task<(StatusPatch? Patch, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonObjectBody.ReadAsync(request, "{\"status\": \"ack|resolved|suppressed\", \"comment\": \"...\"}", cancellationToken);
        if (document is null)
        {
            return (null, error);
        }

        using (document)
        {
            string? status = null, comment = null, owner = null;
            var ownerGiven = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "status" when property.Value.ValueKind == JsonValueKind.String:
                        status = property.Value.GetString();
                        break;
                    case "comment" when property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                        comment = property.Value.GetString();
                        break;
                    case "owner":
                        (owner, error) = JsonObjectBody.OptionalString(property, MaxOwnerLength);
                        if (error is not null)
                        {
                            return (null, error);
                        }

                        owner = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim();
                        ownerGiven = true;
                        break;
                    case "status" or "comment":
                        return (null, $"field '{property.Name}' must be a string");
                    default:
                        return (null, $"unknown field '{property.Name}'; only status, comment and owner can be changed");
                }
            }

            var target = status?.ToLowerInvariant() switch
            {
                "ack" => IncidentStatus.Ack,
                "resolved" => IncidentStatus.Resolved,
                "suppressed" => IncidentStatus.Suppressed,
                _ => (IncidentStatus?)null,
            };
            if (target is null && (status is not null || !ownerGiven))
            {
                return (null, status is null ? "field 'status' is required (or 'owner', to assign)" : $"field 'status': '{status}' is not one of ack, resolved, suppressed");
            }

            if (comment?.Length > MaxCommentLength)
            {
                return (null, $"field 'comment' is longer than {MaxCommentLength} characters");
            }

            return (new StatusPatch(target, comment, ownerGiven, owner), null);
        }
    }
}
