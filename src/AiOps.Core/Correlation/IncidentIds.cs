using System.Globalization;
using System.Security.Cryptography;

namespace AiOps.Core.Correlation;

public static class IncidentIds
{
    /// <summary><c>INC-YYYYMMDD-HHMMSS-8hex</c>, stamped with the event time of the incident's first anomaly.</summary>
    public static string New(DateTimeOffset firstEventTs)
    {
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        return string.Create(CultureInfo.InvariantCulture,
            $"INC-{firstEventTs.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(random)}");
    }
}
