namespace AiOps.Core.Ingest;

/// <summary>Parses a whole request body: valid items are kept even when others in the batch are bad.</summary>
public static class IngestBatchParser
{
    public delegate T ItemParser<out T>(ReadOnlySpan<byte> json, IngestDefaults defaults);

    /// <summary>Parses a whole body of one wire format (NDJSON, an OTLP request) into kept and rejected items.</summary>
    public delegate IngestBatch<T> BatchParser<T>(ReadOnlyMemory<byte> body, IngestDefaults defaults, int maxItems);

    public static IngestBatch<T> Parse<T>(ReadOnlyMemory<byte> body, IngestDefaults defaults, int maxItems, ItemParser<T> parse)
    {
        var (items, problem) = BodySplitter.Split(body);
        if (problem is not null)
        {
            return IngestBatch<T>.Unreadable(problem);
        }

        if (items.Count > maxItems)
        {
            return IngestBatch<T>.Unreadable($"the body holds {items.Count} events; at most {maxItems} are taken per request");
        }

        var accepted = new List<T>(items.Count);
        var errors = new List<IngestItemError>();
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                accepted.Add(parse(items[i].Span, defaults));
            }
            catch (InvalidItemException e)
            {
                errors.Add(new IngestItemError(i, e.Message));
            }
        }

        return new IngestBatch<T>(accepted, errors, null);
    }
}
