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
        if (IsIgnored(log, policy))
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

        var anomaly = Build(log, pattern?.Name ?? (log.Level >= Contracts.MessageLevel.Error ? "log_error" : "log_warning"),
            Math.Max(levelScore, pattern?.HintScore ?? 0), pattern is null ? "log_level" : "pattern", policy);
        return new DetectedAnomaly(anomaly, pattern?.IncidentType ?? policy.DefaultIncidentType(log.Domain));
    }

    /// <summary>Whether a line is one the policy never treats as an anomaly (below the minimum level, or routine).</summary>
    public static bool IsIgnored(LogMessage log, CompiledDetectPolicy policy) =>
        log.Level < policy.MinLevel || BoundedMatch.IsMatch(policy.Routine, log.Msg);

    internal static AnomalyDetected Build(LogMessage log, string anomalyType, double score, string detector, CompiledDetectPolicy policy) => new()
    {
        TrackingId = log.TrackingId,
        Ts = log.Ts,
        ShipId = log.ShipId,
        Domain = log.Domain,
        Service = log.Service,
        AnomalyType = anomalyType,
        Score = score,
        Detector = detector,
        DeviceId = log.DeviceId ?? log.Host,
        RawMsg = log.Msg.Length <= policy.Source.MaxRawMsgChars ? log.Msg : log.Msg[..(policy.Source.MaxRawMsgChars - 3)] + "...",
        Meta = DescribeSource(log),
    };

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
