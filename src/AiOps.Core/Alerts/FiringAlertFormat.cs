using System.Buffers;
using AiOps.Core.Storage;
using static AiOps.Core.Storage.CompactWriter;

namespace AiOps.Core.Alerts;

/// <summary>A <see cref="FiringAlert"/> in the compact format: its incident type, <c>endsAt</c> and when it was last seen.</summary>
public readonly struct FiringAlertFormat : ICompactFormat<FiringAlert>
{
    public static void Write(ArrayBufferWriter<byte> buffer, FiringAlert value)
    {
        WriteString(buffer, value.IncidentType);
        WriteOptionalTime(buffer, value.EndsAt);
        WriteTime(buffer, value.LastSeen);
    }

    public static FiringAlert Read(ref CompactReader reader) => new()
    {
        IncidentType = reader.String() ?? "",
        EndsAt = reader.OptionalTime(),
        LastSeen = reader.Time(),
    };
}
