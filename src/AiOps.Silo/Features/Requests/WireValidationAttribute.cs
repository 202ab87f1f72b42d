using System.ComponentModel.DataAnnotations;

namespace AiOps.Silo.Features.Requests;

/// <summary>A check of one request member whose message names the member as the wire does (<see cref="WireName"/>).</summary>
public abstract class WireValidationAttribute : ValidationAttribute
{
    /// <summary>Whether a missing (null) value is a problem; otherwise null passes and other values are checked.</summary>
    public bool Required { get; init; }

    protected sealed override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        var problem = value is null ? (Required ? "is required" : null) : Problem(value);
        return problem is null ? ValidationResult.Success : new ValidationResult(WireName.Message(context, problem), [context.MemberName!]);
    }

    /// <summary>What is wrong with <paramref name="value"/>, worded to follow the member's name ("must be …"), or null.</summary>
    protected abstract string? Problem(object value);
}
