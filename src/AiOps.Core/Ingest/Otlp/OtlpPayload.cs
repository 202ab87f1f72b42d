using System.Text.Json.Nodes;
using Google.Protobuf;

namespace AiOps.Core.Ingest.Otlp;

/// <summary>
/// An OTLP/HTTP body in either of its encodings: binary protobuf (<c>application/x-protobuf</c>) or OTLP's JSON
/// mapping (<c>application/json</c>), which is protobuf's JSON mapping with trace and span ids as hex instead of
/// base64. Unknown fields are skipped in both, as OTLP asks of a receiver.
/// </summary>
public static class OtlpPayload
{
    public const string ProtobufType = "application/x-protobuf";
    public const string JsonType = "application/json";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly string[] HexIdFields = ["traceId", "spanId", "trace_id", "span_id"];

    /// <summary>The request, or why the body is not one (a 400 for the whole body).</summary>
    public static (T? Request, string? Problem) Parse<T>(ReadOnlyMemory<byte> body, bool json, MessageParser<T> binary) where T : class, IMessage<T>, new()
    {
        var name = new T().Descriptor.Name;
        try
        {
            return json ? (Parser.Parse<T>(HexIdsAsBase64(body)), null) : (binary.ParseFrom(body.Span), null);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return (null, $"the body is not an OTLP {name} in {(json ? "JSON" : "protobuf")}: {e.Message}");
        }
    }

    public static byte[] Write(IMessage response, bool json) =>
        json ? System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(response)) : response.ToByteArray();

    /// <summary>OTLP/JSON writes trace and span ids as hex; protobuf's JSON parser reads bytes as base64.</summary>
    private static string HexIdsAsBase64(ReadOnlyMemory<byte> body)
    {
        var root = JsonNode.Parse(body.Span, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 128 });
        Convert(root);
        return root?.ToJsonString() ?? "null";
    }

    private static void Convert(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var field in HexIdFields)
                {
                    if (obj[field] is JsonValue value && value.TryGetValue<string>(out var hex) && hex.Length % 2 == 0)
                    {
                        obj[field] = System.Convert.ToBase64String(System.Convert.FromHexString(hex));
                    }
                }

                foreach (var (_, child) in obj)
                {
                    Convert(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Convert(child);
                }

                break;
        }
    }
}
