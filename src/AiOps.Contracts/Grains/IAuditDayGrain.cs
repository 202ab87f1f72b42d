using System.Globalization;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>The audit trail of one UTC day (key <c>yyyy-MM-dd</c>): append-only, persisted.</summary>
public interface IAuditDayGrain : IGrainWithStringKey
{
    Task RecordAsync(AuditEvent entry);

    /// <summary>The day's entries that match, newest first, at most <see cref="AuditFilter.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter);

    static string KeyOf(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
