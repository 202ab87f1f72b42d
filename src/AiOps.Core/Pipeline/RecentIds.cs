using AiOps.Core.Storage;

namespace AiOps.Core.Pipeline;

/// <summary>
/// The last tracking ids seen, at least the bound and at most a sixteenth more, to recognise redeliveries of the
/// same event.
/// </summary>
[GenerateSerializer, Alias("aiops.recent-ids.v1")]
public sealed class RecentIds
{
    [field: NonSerialized]
    public List<string> Order { get; set; } = [];

    /// <summary>
    /// <see cref="Order"/> as stored, in the compact format (<see cref="CompactWriter.Strings"/>): up to 20,000 ids a
    /// state, each of which the Orleans serializer tracked for reference equality.
    /// </summary>
    [Id(1)]
    public ReadOnlyMemory<byte> StoredOrder
    {
        get => CompactWriter.Strings(Order);
        set
        {
            Order = CompactReader.StringsField(value.Span, "stored recent ids");
            _set = null;
        }
    }

    /// <summary>The ids as states written before the compact format held them (field 0); read only.</summary>
    [Id(0)]
    public List<string>? LegacyOrder
    {
        get => null;
        set
        {
            if (value is not null)
            {
                Order = value;
                _set = null;
            }
        }
    }

    [NonSerialized]
    private HashSet<string>? _set;

    // Ids added since the last save (at most all of Order): they are the end of Order, as only the front is dropped.
    [NonSerialized]
    private int _appended;

    public bool Contains(string id) => Set.Contains(id);

    /// <summary>Adds an id; false when it was already there.</summary>
    public bool Add(string id, int capacity)
    {
        if (!Set.Add(id))
        {
            return false;
        }

        Order.Add(id);
        _appended++;
        // Past the bound by a sixteenth, the oldest go together: dropping one at a time from the front of the
        // list moved the whole list on every id once it was full.
        if (Order.Count > capacity + Math.Max(1, capacity / 16))
        {
            var drop = Order.Count - capacity;
            foreach (var old in Order.Take(drop))
            {
                Set.Remove(old);
            }

            Order.RemoveRange(0, drop);
            _appended = Math.Min(_appended, Order.Count);
        }

        return true;
    }

    /// <summary>The ids added since the last save: replayed on the list as it was then, they give this one.</summary>
    public RecentIdsChanges TakeChanges()
    {
        var appended = Math.Min(_appended, Order.Count);
        return new(Order.GetRange(Order.Count - appended, appended), Order.Count);
    }

    public void ApplyChanges(RecentIdsChanges changes)
    {
        Order.AddRange(changes.Appended);
        if (Order.Count > changes.Count)
        {
            Order.RemoveRange(0, Order.Count - changes.Count);
        }

        _set = null;
    }

    public void ChangesSaved() => _appended = 0;

    private HashSet<string> Set => _set ??= new HashSet<string>(Order, StringComparer.Ordinal);
}
