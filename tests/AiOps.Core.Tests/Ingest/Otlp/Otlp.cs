using AiOps.Core.Ingest;
using AiOps.Core.Ingest.Otlp.Proto;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Ingest.Otlp;

/// <summary>OTLP building blocks for the mapping tests.</summary>
internal static class Otlp
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 18, 1, 5, TimeSpan.Zero);

    public static readonly IngestDefaults Defaults = new("ship-home", Now, 64, 3,
        new IngestLimits { MaxMetaBytes = 300, MaxMetaKeys = 6, MaxMetaDepth = 3, MaxLabelNameBytes = 16, MaxLabelValueBytes = 16 });

    public static OtlpIngestSettings Settings => new();

    public static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Attr(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static Resource Resource(params KeyValue[] attributes)
    {
        var resource = new Resource();
        resource.Attributes.AddRange(attributes);
        return resource;
    }

    public static ulong Nanos(DateTimeOffset at) => (ulong)(at - DateTimeOffset.UnixEpoch).Ticks * 100;
}
