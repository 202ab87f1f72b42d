using AiOps.Core.Ingest;

namespace AiOps.Silo.Features.Requests;

/// <summary>A ship id by ingest's rules (<see cref="FieldRules.ShipId"/>), so a request names a ship as its telemetry does.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ShipIdAttribute : WireValidationAttribute
{
    protected override string? Problem(object value) =>
        FieldRules.IsShipId((string)value) ? null : $"must be 1-64 letters, digits, '-', '_' or '.', not '{FieldRules.Printable((string)value)}'";
}
