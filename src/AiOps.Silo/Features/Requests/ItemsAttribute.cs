namespace AiOps.Silo.Features.Requests;

/// <summary>A list of 1 to <see cref="MaxItems"/> texts, none of them blank.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ItemsAttribute(int maxItems) : WireValidationAttribute
{
    public int MaxItems { get; } = maxItems;

    protected override string? Problem(object value) => (IReadOnlyCollection<string?>)value switch
    {
        var items when items.Count == 0 || items.Count > MaxItems => $"must list between 1 and {MaxItems} items",
        var items when items.Any(string.IsNullOrWhiteSpace) => "must not list a blank item",
        _ => null,
    };
}
