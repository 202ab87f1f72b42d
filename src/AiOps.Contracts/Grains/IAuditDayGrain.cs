using System.Globalization;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>
/// The index of one UTC day of the audit trail (key <c>yyyy-MM-dd</c>): which bucket grains hold its entries.
/// Each bucket registers once, with its first entry, so this grain is not on the path of every entry. Entries
/// written before the trail was sharded stay here and are still read.
/// </summary>
[Alias("aiops.audit-day-grain")]
public interface IAuditDayGrain : IGrainWithStringKey
{
    Task RegisterBucketAsync(string bucketKey);

    Task<IReadOnlyList<string>> BucketsAsync();

    /// <summary>The day's entries from before sharding that match, newest first, at most <see cref="AuditFilter.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter);

    static string KeyOf(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
