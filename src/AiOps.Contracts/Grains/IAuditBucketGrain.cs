using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>
/// One bucket of one day of the audit trail (key <c>yyyy-MM-dd/b{n}</c>): append-only, persisted. It keeps an
/// open chunk and seals it into an <see cref="IAuditChunkGrain"/> when full, so a write stores at most one chunk.
/// </summary>
[Alias("aiops.audit-bucket-grain")]
public interface IAuditBucketGrain : IGrainWithStringKey
{
    /// <summary>Stores the entry before returning.</summary>
    Task RecordAsync(AuditEvent entry);

    /// <summary>The bucket's entries that match, newest first, at most <see cref="AuditFilter.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter);
}
