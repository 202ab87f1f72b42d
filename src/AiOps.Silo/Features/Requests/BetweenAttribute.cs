using System.ComponentModel.DataAnnotations;

namespace AiOps.Silo.Features.Requests;

/// <summary>
/// A whole number from <c>minimum</c> to <c>maximum</c>. A <see cref="RangeAttribute"/>, so the OpenAPI document shows
/// the bounds, with the message naming the member as the wire does.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BetweenAttribute(int minimum, int maximum) : RangeAttribute(minimum, maximum)
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context) =>
        IsValid(value)
            ? ValidationResult.Success
            : new ValidationResult(WireName.Message(context, Maximum is int.MaxValue
                ? $"must be a whole number from {Minimum}"
                : $"must be a whole number from {Minimum} to {Maximum}"), [context.MemberName!]);
}
