using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Grains.Analytics;

/// <summary>Hands rows to the analytics store without waiting: a full or absent store never slows the Fast Path.</summary>
public interface IAnalyticsSink
{
    void Logs(IReadOnlyList<LogMessage> logs);

    void Metrics(IReadOnlyList<MetricSample> samples);

    void Anomalies(IEnumerable<CorrelationCandidate> candidates);

    /// <summary>Traces of one ship's events (they carry ids and times, no text; they go with its incidents).</summary>
    void Traces(string shipId, IEnumerable<TraceRecord> traces);

    void Incident(Incident incident);

    /// <summary>A cached insight, as JSON, for other silos and ships to reuse.</summary>
    void CachedInsight(string key, string insightJson, DateTimeOffset at);
}
