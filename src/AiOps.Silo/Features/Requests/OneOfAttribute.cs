using AiOps.Core.Ingest;

namespace AiOps.Silo.Features.Requests;

/// <summary>A text that is one of a fixed set of words (case-insensitive); with <see cref="CommaSeparated"/>, a list of them.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(params string[] values) : WireValidationAttribute
{
    public IReadOnlyList<string> Values { get; } = values;

    public bool CommaSeparated { get; init; }

    protected override string? Problem(object value)
    {
        var text = (string)value;
        var items = CommaSeparated ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [text];
        return items.FirstOrDefault(item => !Values.Contains(item, StringComparer.OrdinalIgnoreCase)) is { } wrong
            ? $"is '{FieldRules.Printable(wrong)}', not one of {string.Join(", ", Values)}"
            : null;
    }
}
