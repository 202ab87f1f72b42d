namespace AiOps.Silo.Hosting;

/// <summary>The request body is not valid data for its <c>Content-Encoding</c>: the sender's fault, a 400.</summary>
public sealed class ContentDecodingException(string encoding, Exception inner)
    : Exception($"The body is not valid {encoding} data (Content-Encoding: {encoding}): {inner.Message}", inner)
{
    public string Encoding { get; } = encoding;
}
