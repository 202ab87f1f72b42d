using AiOps.Contracts.Json;
using AiOps.Core.Ingest;

namespace AiOps.Silo.Features.Requests;

/// <summary>A text that is an ISO-8601 timestamp (without an offset it is UTC), as CONTRACTS.md writes them.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class IsoTimestampAttribute : WireValidationAttribute
{
    protected override string? Problem(object value) =>
        UtcTimestampConverter.TryParse((string)value, out _)
            ? null
            : $"is '{FieldRules.Printable((string)value)}', not an ISO-8601 timestamp such as 2026-11-24T00:00:00Z";
}
