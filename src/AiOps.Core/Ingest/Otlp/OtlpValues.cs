using System.Globalization;
using System.Text.Json;
using AiOps.Core.Ingest.Otlp.Proto;

namespace AiOps.Core.Ingest.Otlp;

/// <summary>OTLP's <see cref="AnyValue"/> as text (labels, names) or as JSON (meta, structured bodies).</summary>
internal static class OtlpValues
{
    /// <summary>A string as it is; any other value as its JSON text; an empty value as null.</summary>
    public static string? Text(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.None => null,
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        _ => Json(value),
    };

    public static string Json(AnyValue value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var budget = new OtlpJsonBudget(int.MaxValue, int.MaxValue);
            Write(writer, value, budget, 0);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a value as JSON: bytes as base64 (OTLP's JSON mapping), a key/value list as an object, non-finite
    /// doubles as strings (JSON has no NaN). Keys and nesting are counted against <paramref name="budget"/>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, AnyValue value, OtlpJsonBudget budget, int depth)
    {
        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue: writer.WriteStringValue(value.StringValue); break;
            case AnyValue.ValueOneofCase.BoolValue: writer.WriteBooleanValue(value.BoolValue); break;
            case AnyValue.ValueOneofCase.IntValue: writer.WriteNumberValue(value.IntValue); break;
            case AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(value.DoubleValue): writer.WriteNumberValue(value.DoubleValue); break;
            case AnyValue.ValueOneofCase.DoubleValue: writer.WriteStringValue(value.DoubleValue.ToString(CultureInfo.InvariantCulture)); break;
            case AnyValue.ValueOneofCase.BytesValue: writer.WriteBase64StringValue(value.BytesValue.Span); break;
            case AnyValue.ValueOneofCase.ArrayValue:
                budget.Enter(depth + 1);
                writer.WriteStartArray();
                foreach (var item in value.ArrayValue.Values)
                {
                    Write(writer, item, budget, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                WriteObject(writer, value.KvlistValue.Values, budget, depth + 1);
                break;
            default: writer.WriteNullValue(); break;
        }
    }

    public static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValue> pairs, OtlpJsonBudget budget, int depth)
    {
        budget.Enter(depth);
        writer.WriteStartObject();
        foreach (var pair in pairs)
        {
            budget.Key();
            writer.WritePropertyName(pair.Key);
            Write(writer, pair.Value ?? new AnyValue(), budget, depth);
        }

        writer.WriteEndObject();
    }
}
