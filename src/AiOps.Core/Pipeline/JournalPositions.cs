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

    /// <summary>The batches not yet taken from that journal, in order (nothing is marked: see <see cref="Advance"/>).</summary>
    public List<JournaledBatch> Fresh(string journalId, IReadOnlyList<JournaledBatch> batches)
    {
        var last = ByJournal.TryGetValue(journalId, out var position) ? position.Lsn : 0;
        var fresh = new List<JournaledBatch>(batches.Count);
        foreach (var batch in batches)
        {
            if (batch.Lsn > last)
            {
                fresh.Add(batch);
                last = batch.Lsn;
            }
        }

        return fresh;
    }

    /// <summary>Marks a journal taken up to <paramref name="lsn"/>, once what it covers has been processed.</summary>
    public void Advance(string journalId, long lsn, DateTimeOffset now)
    {
        if (ByJournal.TryGetValue(journalId, out var position) && position.Lsn >= lsn)
        {
            return;
        }

        ByJournal[journalId] = new JournalPosition(lsn, now);
        if (ByJournal.Count > Capacity)
        {
            ByJournal.Remove(ByJournal.MinBy(p => p.Value.SeenAt).Key);
        }
    }
}
