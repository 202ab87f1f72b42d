using System.Text;
using System.Text.Json;

namespace AiOps.Core.Ingest;

/// <summary>
/// Short ASCII strings that repeat from event to event (label names, ship, service and device names, levels,
/// severities) decoded once per thread rather than once per event: a small direct-mapped table per thread, keyed by
/// the bytes' hash. A miss decodes and takes the slot, so a unique value (a tracking id) costs one hash and one
/// compare more than decoding alone, and the table never holds more than <see cref="Slots"/> strings per thread
/// whatever the input.
/// </summary>
public static class RepeatedStrings
{
    private const int Slots = 1024; // a power of two
    private const int MaxLength = 64;

    [ThreadStatic]
    private static string?[]? _slots;

    /// <summary>
    /// The reader's current name or string from the table, when its raw bytes are its text (not escaped, in one
    /// span); false otherwise, and the caller decodes it with the reader as before.
    /// </summary>
    public static bool TryGet(in Utf8JsonReader reader, out string text)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            text = "";
            return false;
        }

        return TryGet(reader.ValueSpan, out text);
    }

    /// <summary>
    /// The string of <paramref name="utf8"/> when it is short ASCII (always valid UTF-8), from the table when it was
    /// seen before; false otherwise, and the caller decodes (and checks) it as before.
    /// </summary>
    public static bool TryGet(ReadOnlySpan<byte> utf8, out string text)
    {
        if (utf8.Length == 0)
        {
            text = string.Empty;
            return true;
        }

        if (utf8.Length > MaxLength || !Ascii.IsValid(utf8))
        {
            text = "";
            return false;
        }

        var slots = _slots ??= new string?[Slots];
        var slot = SlotOf(utf8);
        if (slots[slot] is { } cached && Ascii.Equals(utf8, cached))
        {
            text = cached;
            return true;
        }

        text = Encoding.ASCII.GetString(utf8);
        slots[slot] = text;
        return true;
    }

    // FNV-1a over at most the first and last 16 bytes: names that differ only in the middle share a slot and take
    // turns, which costs a decode, never a wrong string (a hit compares every byte).
    private static int SlotOf(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        var head = utf8.Length <= 32 ? utf8 : utf8[..16];
        foreach (var b in head)
        {
            hash = (hash ^ b) * 16777619u;
        }

        if (utf8.Length > 32)
        {
            foreach (var b in utf8[^16..])
            {
                hash = (hash ^ b) * 16777619u;
            }
        }

        hash = (hash ^ (uint)utf8.Length) * 16777619u;
        return (int)(hash & (Slots - 1));
    }
}
