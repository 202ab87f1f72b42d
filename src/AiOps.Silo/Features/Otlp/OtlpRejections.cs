using AiOps.Core.Ingest;

namespace AiOps.Silo.Features.Otlp;

/// <summary>partial_success.error_message: the first few rejections, each naming the record and field.</summary>
internal static class OtlpRejections
{
    private const int Shown = 5;

    public static string Describe(IReadOnlyList<IngestItemError> errors)
    {
        var text = string.Join("; ", errors.Take(Shown).Select(e => e.Error));
        return errors.Count > Shown ? $"{text}; and {errors.Count - Shown} more" : text;
    }
}
