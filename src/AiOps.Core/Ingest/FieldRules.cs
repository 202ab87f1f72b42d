using System.Buffers;
using System.Text;
using AiOps.Contracts;

namespace AiOps.Core.Ingest;

/// <summary>Checks and normalisation of ingest fields, each failure naming the field.</summary>
public static class FieldRules
{
    public const int MaxNameLength = 128;

    private static readonly SearchValues<char> ShipIdChars =
        SearchValues.Create("-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static T Required<T>(T? value, string field) where T : class =>
        value ?? throw new InvalidItemException($"field '{field}' is required");

    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new InvalidItemException($"field '{field}' is required");

    /// <summary>Ship ids follow the seed's sanitising (spaces to '_', '/' to '-', lower case).</summary>
    public static string ShipId(string value)
    {
        var id = NormalShipId(value);
        if (!IsNormalShipId(id))
        {
            throw new InvalidItemException($"field 'ship_id' must be 1-64 letters, digits, '-', '_' or '.', not '{ItemReader.Printable(value)}'");
        }

        return id;
    }

    /// <summary>A name (service, device, host): non-empty, bounded, no control characters.</summary>
    public static string Name(string value, string field, int maxLength = MaxNameLength)
    {
        var name = value.Trim();
        if (!IsName(name, maxLength))
        {
            throw new InvalidItemException($"field '{field}' must be 1-{maxLength} printable characters");
        }

        return name;
    }

    /// <summary>Whether <see cref="ShipId"/> takes <paramref name="value"/>.</summary>
    public static bool IsShipId(string value) => IsNormalShipId(NormalShipId(value));

    /// <summary>Whether <see cref="Name"/> takes <paramref name="value"/>.</summary>
    public static bool IsName(string value, int maxLength = MaxNameLength)
    {
        var name = value.Trim();
        return name.Length > 0 && name.Length <= maxLength && !HasControl(name);
    }

    /// <summary>
    /// Whether the text holds one of <see cref="char.IsControl(char)"/>'s characters (U+0000-U+001F, U+007F-U+009F),
    /// searched a vector at a time: every alert checks several names and a generator URL of up to 2 KB.
    /// </summary>
    private static bool HasControl(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('\u0000', '\u001f') || text.ContainsAnyInRange('\u007f', '\u009f');

    private static string NormalShipId(string value) => value.Trim().Replace(' ', '_').Replace('/', '-').ToLowerInvariant();

    private static bool IsNormalShipId(string id) =>
        id.Length is > 0 and <= 64 && !id.AsSpan().ContainsAnyExcept(ShipIdChars);

    /// <summary>Echoes untrusted text into an error without control characters and at a bounded length.</summary>
    public static string Printable(string text) => ItemReader.Printable(text);

    public static string? OptionalName(string? value, string field, int maxLength = MaxNameLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Name(value, field, maxLength);

    public static string Metric(string value)
    {
        var ok = value.Length is > 0 and <= 200
            && (char.IsAsciiLetter(value[0]) || value[0] is '_' or ':')
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' or '.' or '-');
        return ok ? value : throw new InvalidItemException(
            $"field 'metric' must be a metric name (letters, digits, '_', ':', '.', '-'), not '{ItemReader.Printable(value)}'");
    }

    public static string TrackingId(string value) =>
        TrackingIds.IsValid(value) ? value : throw new InvalidItemException(
            $"field 'tracking_id' must be 1-{TrackingIds.MaxLength} characters of letters, digits, '-', '_', '.', ':'");

    public static string SchemaVersion(string value) =>
        value == Contracts.SchemaVersion.Current ? value : throw new InvalidItemException(
            $"field 'schema_version' must be \"{Contracts.SchemaVersion.Current}\", not '{ItemReader.Printable(value)}'");

    public static Domain Domain(string value) => value.ToLowerInvariant() switch
    {
        "comms" => Contracts.Domain.Comms,
        "app" => Contracts.Domain.App,
        "net" => Contracts.Domain.Net,
        "security" => Contracts.Domain.Security,
        "system" => Contracts.Domain.System,
        _ => throw new InvalidItemException($"field 'domain' must be one of comms, app, net, security, system, not '{ItemReader.Printable(value)}'"),
    };

    /// <summary>Levels are case-insensitive; syslog's names are accepted too, since Vector forwards them.</summary>
    public static MessageLevel Level(string value) => value.ToLowerInvariant() switch
    {
        "debug" or "trace" => MessageLevel.Debug,
        "info" or "notice" or "information" => MessageLevel.Info,
        "warn" or "warning" => MessageLevel.Warn,
        "error" or "err" => MessageLevel.Error,
        "fatal" or "critical" or "crit" or "alert" or "emerg" or "emergency" => MessageLevel.Fatal,
        _ => throw new InvalidItemException($"field 'level' must be one of debug, info, warn, error, fatal, not '{ItemReader.Printable(value)}'"),
    };

    /// <summary>Keeps the message but cuts it to the policy's byte limit, marking the cut.</summary>
    public static string Message(string value, int maxBytes)
    {
        if (value.Length == 0)
        {
            throw new InvalidItemException("field 'msg' must not be empty");
        }

        if (Encoding.UTF8.GetMaxByteCount(value.Length) <= maxBytes || Encoding.UTF8.GetByteCount(value) <= maxBytes)
        {
            return value;
        }

        const string marker = " …[truncated]";
        var keep = value.Length;
        while (keep > 0 && Encoding.UTF8.GetByteCount(value.AsSpan(0, keep)) > maxBytes - 16)
        {
            keep = keep * 3 / 4;
        }

        return value[..keep] + marker;
    }
}
