namespace AiOps.Silo.Features.Requests;

/// <summary>A text of at most <see cref="MaxLength"/> characters; a <see cref="WireValidationAttribute.Required"/> one must not be blank.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextAttribute(int maxLength) : WireValidationAttribute
{
    public int MaxLength { get; } = maxLength;

    protected override string? Problem(object value) => (string)value switch
    {
        { Length: var length } when length > MaxLength => $"is longer than {MaxLength} characters",
        var text when Required && string.IsNullOrWhiteSpace(text) => "must not be blank",
        _ => null,
    };
}
