namespace AiOps.Silo.Features.Requests;

/// <summary>A member that must be given (not null), of a type with no other rule here.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RequiredFieldAttribute : WireValidationAttribute
{
    public RequiredFieldAttribute() => Required = true;

    protected override string? Problem(object value) => null;
}
