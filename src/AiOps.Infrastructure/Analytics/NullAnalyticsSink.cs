using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Grains.Analytics;

namespace AiOps.Infrastructure.Analytics;

/// <summary>No analytics store configured (the embedded default): grains and the local store hold everything.</summary>
public sealed class NullAnalyticsSink : IAnalyticsSink
{
    public void Logs(IReadOnlyList<LogMessage> logs)
    {
    }

    public void Metrics(IReadOnlyList<MetricSample> samples)
    {
    }

    public void Anomalies(IEnumerable<CorrelationCandidate> candidates)
    {
    }

    public void Traces(string shipId, IEnumerable<TraceRecord> traces)
    {
    }

    public void Incident(Incident incident)
    {
    }

    public void CachedInsight(string key, string insightJson, DateTimeOffset at)
    {
    }
}
