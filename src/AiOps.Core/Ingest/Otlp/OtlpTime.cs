namespace AiOps.Core.Ingest.Otlp;

/// <summary>OTLP's nanoseconds since the Unix epoch; 0 means unknown.</summary>
internal static class OtlpTime
{
    public static DateTimeOffset? From(ulong unixNanos) =>
        unixNanos == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));
}
