using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AiOps.Core.Storage;

/// <summary>
/// A dictionary by string key that remembers which keys changed since it was last saved, so that a large map
/// (a correlation key's firing alerts, its dedup fingerprints) is written in proportion to what changed.
/// A value changed in place is not seen unless its key is reported <see cref="Changed"/>.
/// </summary>
[GenerateSerializer, Alias("aiops.tracked-map.v1`1")]
public sealed class TrackedMap<TValue> : IEnumerable<KeyValuePair<string, TValue>>
{
    private const int MinimumTracked = 1024;

    [Id(0)] public Dictionary<string, TValue> Items { get; set; } = new(StringComparer.Ordinal);

    // Keys set or removed since the last save; what each holds now is read from Items when the changes are taken.
    [NonSerialized]
    private HashSet<string>? _changed;

    // Set once more keys changed than the map holds (or a storage that writes whole never says it saved):
    // the changes are then not kept apart any more, and the next save writes the map whole.
    [NonSerialized]
    private bool _untracked;

    public int Count => Items.Count;

    public IEnumerable<TValue> Values => Items.Values;

    public TValue this[string key]
    {
        get => Items[key];
        set
        {
            Items[key] = value;
            Track(key);
        }
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => Items.TryGetValue(key, out value);

    public bool ContainsKey(string key) => Items.ContainsKey(key);

    public bool Remove(string key) => Remove(key, out _);

    public bool Remove(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!Items.Remove(key, out value))
        {
            return false;
        }

        Track(key);
        return true;
    }

    /// <summary>
    /// The value under <paramref name="key"/> was changed in place (a detector's series, a repeated alert): it is
    /// written with the next changes, without setting it again.
    /// </summary>
    public void Changed(string key) => Track(key);

    /// <summary>Sets every entry given (a legacy field's dictionary, read into the map); null adds nothing.</summary>
    public void SetAll(IEnumerable<KeyValuePair<string, TValue>>? entries)
    {
        foreach (var (key, value) in entries ?? [])
        {
            this[key] = value;
        }
    }

    /// <summary>Removes every entry that matches; the keys are collected first, so the map may be read meanwhile.</summary>
    public void RemoveWhere(Func<KeyValuePair<string, TValue>, bool> match)
    {
        foreach (var key in Items.Where(match).Select(kv => kv.Key).ToList())
        {
            Remove(key);
        }
    }

    /// <summary>What changed since the last save, or null when it is no longer known.</summary>
    public MapChanges<TValue>? TakeChanges()
    {
        if (_untracked)
        {
            return null;
        }

        var changes = new MapChanges<TValue>();
        foreach (var key in _changed ?? [])
        {
            if (Items.TryGetValue(key, out var value))
            {
                changes.Set[key] = value;
            }
            else
            {
                changes.Removed.Add(key);
            }
        }

        return changes;
    }

    public void ApplyChanges(MapChanges<TValue> changes)
    {
        foreach (var key in changes.Removed)
        {
            Items.Remove(key);
        }

        foreach (var (key, value) in changes.Set)
        {
            Items[key] = value;
        }
    }

    public void ChangesSaved()
    {
        _changed = null;
        _untracked = false;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Track(string key)
    {
        if (_untracked)
        {
            return;
        }

        _changed ??= new HashSet<string>(StringComparer.Ordinal);
        _changed.Add(key);
        if (_changed.Count > Math.Max(MinimumTracked, Items.Count))
        {
            _changed = null;
            _untracked = true;
        }
    }

}
