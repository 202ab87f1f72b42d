using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Contracts.Grains;

/// <summary>A sealed chunk of an audit bucket (key <c>yyyy-MM-dd/b{n}/c{i}</c>): written once, then only read.</summary>
[Alias("aiops.audit-chunk-grain")]
public interface IAuditChunkGrain : IGrainWithStringKey
{
    /// <summary>Stores the chunk's entries; storing it again (a retried seal) replaces them, never adds twice.</summary>
    Task StoreAsync(IReadOnlyList<AuditEvent> entries);

    Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter);
}
