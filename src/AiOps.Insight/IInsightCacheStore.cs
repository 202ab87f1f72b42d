using AiOps.Core.Insight;

namespace AiOps.Insight;

/// <summary>A shared store behind the in-process insight cache (the analytics store in a fleet), so one silo's or
/// ship's answer serves the others.</summary>
public interface IInsightCacheStore
{
    Task<InsightDraft?> GetAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken);

    void Put(string key, InsightDraft draft, DateTimeOffset at);
}
