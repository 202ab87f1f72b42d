using System.Globalization;
using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Correlation;

public static class IncidentIds
{
    /// <summary>
    /// <c>INC-YYYYMMDD-HHMMSS-8hex</c> derived from the correlation key and the opening anomaly's tracking id: the
    /// same anomaly replayed after a crash opens the same incident (which then applies it once), never a twin.
    /// </summary>
    public static string For(string correlationKey, CorrelationCandidate opener) =>
        string.Create(CultureInfo.InvariantCulture,
            $"INC-{opener.Anomaly.Ts.UtcDateTime:yyyyMMdd-HHmmss}-{(uint)Contracts.StableHash.Of(correlationKey + "|" + opener.Anomaly.TrackingId):x8}");
}
