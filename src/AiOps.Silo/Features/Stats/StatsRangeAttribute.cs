using AiOps.Core.Ingest;
using AiOps.Core.Stats;
using AiOps.Silo.Features.Requests;

namespace AiOps.Silo.Features.Stats;

/// <summary>A stats time range (<see cref="TimeRange"/>): a number followed by h, d or w, from 1h to a year.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class StatsRangeAttribute : WireValidationAttribute
{
    protected override string? Problem(object value) =>
        TimeRange.TryParseHours((string)value, out _)
            ? null
            : $"must be a number followed by h, d or w (e.g. 1h, 24h, 7d, 1w), from 1h to {TimeRange.MaxHours}h, not '{FieldRules.Printable((string)value)}'";
}
