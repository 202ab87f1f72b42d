using System.ComponentModel.DataAnnotations;
using AiOps.Contracts.Messages;
using AiOps.Core.Policy;
using AiOps.Core.Silences;
using AiOps.Silo.Features.Requests;
using AiOps.Silo.Hosting;

namespace AiOps.Silo.Features.Silences;

/// <summary>
/// The body of <c>POST /api/v3/silences</c>, checked by Alertmanager's rules (<see cref="SilenceValidation"/>).
/// <c>created_by</c> is never taken from the body: it is the caller's key.
/// </summary>
public sealed record SilenceRequest : IJsonBody<SilenceRequest>, IValidatableObject
{
    public const int MaxCommentLength = 2000;
    public const int MaxValueLength = 1000;

    /// <summary>All must match: a field (ship_id, service, domain, device_id, incident_type, severity) or a label.</summary>
    [RequiredField]
    public IReadOnlyList<SilenceMatcher> Matchers { get; init; } = null!;

    /// <summary>Default: now.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    [RequiredField]
    public DateTimeOffset? EndsAt { get; init; }

    [Text(MaxCommentLength)]
    public string? Comment { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Problem(validationContext) is { } problem)
        {
            yield return new ValidationResult(problem, [FieldErrors.FieldOf(problem) ?? "matchers"]);
        }
    }

    private string? Problem(ValidationContext context)
    {
        for (var i = 0; i < Matchers.Count; i++)
        {
            var matcher = Matchers[i];
            if (matcher is null)
            {
                return $"field 'matchers[{i}]' must be an object {{name, value, is_regex, is_equal}}";
            }

            if (string.IsNullOrEmpty(matcher.Name))
            {
                return $"field 'matchers[{i}].name' is required";
            }

            if (matcher.Value is null)
            {
                return $"field 'matchers[{i}].value' is required";
            }

            if (matcher.Value.Length > MaxValueLength)
            {
                return $"field 'matchers[{i}].value' is longer than {MaxValueLength} characters";
            }
        }

        var now = ((TimeProvider?)context.GetService(typeof(TimeProvider)) ?? TimeProvider.System).GetUtcNow();
        var policy = (PolicyRuntime)context.GetService(typeof(PolicyRuntime))!;
        return SilenceValidation.Problem(Matchers, StartsAt ?? now, EndsAt!.Value, now, policy.Fleet.Correlate.Silences);
    }
}
