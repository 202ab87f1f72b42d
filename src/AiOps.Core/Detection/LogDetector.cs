using System.Text.Json;
using AiOps.Contracts.Messages;

namespace AiOps.Core.Detection;

/// <summary>
/// The log path: routine lines are never anomalies; a detect-policy pattern classifies a line at any level;
/// other lines are anomalies from warn upwards, scored by level.
/// </summary>
public static class LogDetector
{
    public static DetectedAnomaly? Detect(LogMessage log, CompiledDetectPolicy policy)
    {
        if (log.Level < policy.MinLevel || BoundedMatch.IsMatch(policy.Routine, log.Msg))
        {
            return null;
        }

        var levelScore = policy.LevelScores[(int)log.Level];
        CompiledLogPattern? pattern = null;
        if (policy.Source.IsEnabled("pattern"))
        {
            foreach (var candidate in policy.Patterns)
            {
                if (BoundedMatch.IsMatch(candidate.Match, log.Msg))
                {
                    pattern = candidate;
                    break;
                }
            }
        }

        if (pattern is null && log.Level < Contracts.MessageLevel.Warn)
        {
            return null;
        }

        var anomaly = new AnomalyDetected
        {
            TrackingId = log.TrackingId,
            Ts = log.Ts,
            ShipId = log.ShipId,
            Domain = log.Domain,
            Service = log.Service,
            AnomalyType = pattern?.Name ?? (log.Level >= Contracts.MessageLevel.Error ? "log_error" : "log_warning"),
            Score = Math.Max(levelScore, pattern?.HintScore ?? 0),
            Detector = pattern is null ? "log_level" : "pattern",
            DeviceId = log.DeviceId ?? log.Host,
            RawMsg = log.Msg.Length <= policy.Source.MaxRawMsgChars ? log.Msg : log.Msg[..(policy.Source.MaxRawMsgChars - 3)] + "...",
            Meta = DescribeSource(log),
        };
        return new DetectedAnomaly(anomaly, pattern?.IncidentType ?? policy.DefaultIncidentType(log.Domain));
    }

    private static string DescribeSource(LogMessage log)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("log_level", log.Level.ToString().ToLowerInvariant());
            if (log.Host is not null)
            {
                writer.WriteString("source_host", log.Host);
            }

            if (log.Meta is not null)
            {
                writer.WritePropertyName("source_meta");
                writer.WriteRawValue(log.Meta);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
