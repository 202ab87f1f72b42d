using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Pipeline;

/// <summary>
/// How far a service has taken each ingest journal (one per host that accepts HTTP ingest), so a batch replayed
/// after a crash is processed once. Bounded: the journals seen least recently are forgotten first.
/// </summary>
[GenerateSerializer, Alias("aiops.journal-positions.v1")]
public sealed class JournalPositions
{
    public const int Capacity = 64;

    [Id(0)] public Dictionary<string, JournalPosition> ByJournal { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The batches not yet taken from that journal, in order; marks them taken.</summary>
    public List<TelemetryBatch> Take(string journalId, IReadOnlyList<JournaledBatch> batches, DateTimeOffset now)
    {
        var last = ByJournal.TryGetValue(journalId, out var position) ? position.Lsn : 0;
        var fresh = new List<TelemetryBatch>(batches.Count);
        foreach (var batch in batches)
        {
            if (batch.Lsn > last)
            {
                fresh.Add(batch.Batch);
                last = batch.Lsn;
            }
        }

        ByJournal[journalId] = new JournalPosition(last, now);
        if (ByJournal.Count > Capacity)
        {
            ByJournal.Remove(ByJournal.MinBy(p => p.Value.SeenAt).Key);
        }

        return fresh;
    }
}
