using AiOps.Contracts.Pipeline;
using AiOps.Core.Notifications;
using AiOps.Core.Storage;

namespace AiOps.Grains.Notifications;

/// <summary>
/// One dispatcher shard's bookkeeping: its ships' incidents with notifications pending, the transition counts, the
/// storm digest and the dead letters. Changed only through its methods, which note each change for the next write.
/// </summary>
/// <remarks>
/// In a storm the digest holds every email held back for up to <c>digest_interval_min</c>: thousands of entries per
/// shard when thousands of incidents open, and each entry added was a write of the whole digest (the cost of a
/// write grew with the storm; the host spent a fifth of its time after a 2,000-incident step serialising digests).
/// The state tells its changes (<see cref="IIncrementalState"/>), so the file storage appends the entry instead.
/// </remarks>
[GenerateSerializer, Alias("aiops.dispatcher-state.v1")]
public sealed class DispatcherState : IIncrementalState
{
    private const int MinimumTracked = 1024;

    [Id(0)] public HashSet<string> PendingIncidents { get; set; } = [];

    /// <summary>Transition counts: small, and written whole with every change.</summary>
    [Id(1)] public GateState Gate { get; set; } = new();

    [Id(2)] public List<OutboxEntry> Digest { get; set; } = [];
    [Id(3)] public DateTimeOffset DigestStartedAt { get; set; }

    /// <summary>Notifications past their give_up_after, by key, until an engineer retries them.</summary>
    [Id(4)] public Dictionary<string, OutboxEntry> Dead { get; set; } = [];

    // What changed since the last save; null once more changed than the state holds (a storage that writes whole
    // never says it saved), when the next save writes the state whole.
    [NonSerialized]
    private DispatcherChanges? _changes = new();

    public bool AddPending(string incidentId) => PendingIncidents.Add(incidentId) && Note(c => c.Pending[incidentId] = true);

    public bool RemovePending(string incidentId) => PendingIncidents.Remove(incidentId) && Note(c => c.Pending[incidentId] = false);

    public void AddToDigest(OutboxEntry entry, DateTimeOffset now)
    {
        if (Digest.Count == 0)
        {
            DigestStartedAt = now;
        }

        Digest.Add(entry);
        Note(c => c.DigestAdded.Add(entry));
    }

    /// <summary>The digest's entries, oldest first; the digest is empty after.</summary>
    public List<OutboxEntry> TakeDigest()
    {
        var taken = Digest.ToList();
        Digest.Clear();
        Note(c =>
        {
            c.DigestCleared = true;
            c.DigestAdded.Clear(); // added before the clear: gone with it
        });
        return taken;
    }

    public bool AddDead(OutboxEntry entry) => Dead.TryAdd(entry.Key, entry) && Note(c => c.Dead[entry.Key] = entry);

    public bool RemoveDead(string key) => Dead.Remove(key) && Note(c => c.Dead[key] = null);

    public object? TakeChanges()
    {
        if (_changes is null)
        {
            return null;
        }

        _changes.Gate = Gate;
        _changes.DigestStartedAt = DigestStartedAt;
        return _changes;
    }

    public void ApplyChanges(object changes)
    {
        var change = (DispatcherChanges)changes;
        foreach (var (incidentId, pending) in change.Pending)
        {
            _ = pending ? PendingIncidents.Add(incidentId) : PendingIncidents.Remove(incidentId);
        }

        Gate = change.Gate;
        if (change.DigestCleared)
        {
            Digest.Clear();
        }

        Digest.AddRange(change.DigestAdded);
        DigestStartedAt = change.DigestStartedAt;
        foreach (var (key, entry) in change.Dead)
        {
            if (entry is null)
            {
                Dead.Remove(key);
            }
            else
            {
                Dead[key] = entry;
            }
        }
    }

    public void ChangesSaved() => _changes = new DispatcherChanges();

    private bool Note(Action<DispatcherChanges> change)
    {
        if (_changes is not null)
        {
            change(_changes);
            if (_changes.Count > Math.Max(MinimumTracked, PendingIncidents.Count + Digest.Count + Dead.Count))
            {
                _changes = null;
            }
        }

        return true;
    }
}

/// <summary>What a <see cref="DispatcherState"/> changed between two saves.</summary>
[GenerateSerializer, Alias("aiops.dispatcher-changes.v1")]
public sealed class DispatcherChanges
{
    /// <summary>Incidents whose pending mark changed: true when pending now.</summary>
    [Id(0)] public Dictionary<string, bool> Pending { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public GateState Gate { get; set; } = new();

    /// <summary>The digest was taken (emptied) before <see cref="DigestAdded"/> were added.</summary>
    [Id(2)] public bool DigestCleared { get; set; }

    [Id(3)] public List<OutboxEntry> DigestAdded { get; set; } = [];
    [Id(4)] public DateTimeOffset DigestStartedAt { get; set; }

    /// <summary>Dead letters added (the entry) or taken off (null), by key.</summary>
    [Id(5)] public Dictionary<string, OutboxEntry?> Dead { get; set; } = new(StringComparer.Ordinal);

    public int Count => Pending.Count + DigestAdded.Count + Dead.Count;
}
