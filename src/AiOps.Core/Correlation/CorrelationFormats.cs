using System.Buffers;
using AiOps.Core.Storage;
using static AiOps.Core.Storage.CompactWriter;

namespace AiOps.Core.Correlation;

/// <summary>A <see cref="SeenFingerprint"/> in the compact format: when it was last seen and its incident.</summary>
public readonly struct SeenFingerprintFormat : ICompactFormat<SeenFingerprint>
{
    public static void Write(ArrayBufferWriter<byte> buffer, SeenFingerprint value)
    {
        WriteTime(buffer, value.LastTs);
        WriteString(buffer, value.IncidentId);
    }

    public static SeenFingerprint Read(ref CompactReader reader) => new()
    {
        LastTs = reader.Time(),
        IncidentId = reader.String() ?? throw new InvalidDataException("a stored fingerprint without its incident"),
    };
}

/// <summary>A <see cref="SavedDecision"/> in the compact format, its fields in their declared order.</summary>
public readonly struct SavedDecisionFormat : ICompactFormat<SavedDecision>
{
    public static void Write(ArrayBufferWriter<byte> buffer, SavedDecision value)
    {
        WriteCount(buffer, (int)value.Verdict);
        WriteString(buffer, value.IncidentId);
        WriteString(buffer, value.SilenceId);
        WriteDouble(buffer, value.DistanceSec);
        WriteString(buffer, value.Fingerprint);
        WriteTime(buffer, value.SavedAt);
    }

    public static SavedDecision Read(ref CompactReader reader) => new(
        (CorrelationVerdict)reader.Count(), reader.String(), reader.String(), reader.Double(), reader.String(), reader.Time());
}
