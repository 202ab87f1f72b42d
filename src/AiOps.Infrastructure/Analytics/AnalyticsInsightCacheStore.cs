using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Core.Insight;
using AiOps.Grains.Analytics;
using AiOps.Insight;

namespace AiOps.Infrastructure.Analytics;

/// <summary>The insight cache shared through the analytics store (table <c>aiops.llm_cache</c>, TTL from retention.yaml).</summary>
public sealed class AnalyticsInsightCacheStore(IAnalyticsSink sink, IAnalyticsReader reader) : IInsightCacheStore
{
    public async Task<InsightDraft?> GetAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        try
        {
            var json = await reader.CachedInsightAsync(key, notBefore, cancellationToken);
            return json is null ? null : JsonSerializer.Deserialize<InsightDraft>(json, AiOpsJson.Options);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The shared cache is an optimisation: when the store is down the model is asked instead.
            return null;
        }
    }

    public void Put(string key, InsightDraft draft, DateTimeOffset at) =>
        sink.CachedInsight(key, JsonSerializer.Serialize(draft, AiOpsJson.Options), at);
}
