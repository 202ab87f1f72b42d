using AiOps.Core.Ingest;

namespace AiOps.Silo.Features.Requests;

/// <summary>A service, device or host name by ingest's rules (<see cref="FieldRules.Name"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NameAttribute : WireValidationAttribute
{
    protected override string? Problem(object value) =>
        FieldRules.IsName((string)value) ? null : $"must be 1-{FieldRules.MaxNameLength} printable characters";
}
