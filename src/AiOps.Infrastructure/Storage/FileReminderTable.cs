using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiOps.Infrastructure.Storage;

/// <summary>
/// Orleans reminders for the embedded (single box) mode, in the data directory, so that a reminder outlives the
/// process as grain state does. A change costs what it changes: it is appended as one line to a change log
/// (<c>reminders.json.log</c>), written before it is served. When the log has grown past twice the table, the
/// table is written whole as a snapshot (a temporary file, flushed to disk and renamed, as
/// <see cref="FileGrainStorage"/> writes state) and the log starts again. Loading reads the snapshot, then the
/// log; a torn last line (a crash mid-append) is ignored. The ETag of a row is a counter of the table's writes.
/// </summary>
public sealed class FileReminderTable(string path) : IReminderTable
{
    private const int MinimumLogLines = 1000;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<GrainId, Dictionary<string, ReminderEntry>>? _rows;
    private int _count;
    private int _logLines;
    private long _version;
    private FileStream? _log;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    private string LogPath => Path + ".log";

    public Task Init() => LockedAsync(() => Task.FromResult(Load()));

    public Task StartAsync(CancellationToken cancellationToken = default) => Init();

    public Task<ReminderTableData> ReadRows(GrainId grainId) => LockedAsync(() => Task.FromResult(new ReminderTableData(
        Load().TryGetValue(grainId, out var rows) ? rows.Values.Select(Copy).ToList() : [])));

    /// <summary>The rows whose grain hash is in (<paramref name="begin"/>, <paramref name="end"/>], wrapping past uint.MaxValue; all rows when they are equal.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => LockedAsync(() => Task.FromResult(new ReminderTableData(
        Load().Where(g => InRange(g.Key.GetUniformHashCode(), begin, end)).SelectMany(g => g.Value.Values).Select(Copy).ToList())));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => LockedAsync(() => Task.FromResult(
        Load().TryGetValue(grainId, out var rows) && rows.TryGetValue(reminderName, out var row) ? Copy(row) : null));

    public Task<string?> UpsertRow(ReminderEntry entry) => LockedAsync<string?>(async () =>
    {
        var rows = Load();
        var row = new ReminderEntry
        {
            GrainId = entry.GrainId,
            ReminderName = entry.ReminderName,
            StartAt = entry.StartAt,
            Period = entry.Period,
            ETag = (_version + 1).ToString(CultureInfo.InvariantCulture),
        };
        await AppendAsync(new StoredChange(_version + 1, Stored(row), Removed: false));
        if (!rows.TryGetValue(row.GrainId, out var ofGrain))
        {
            rows[row.GrainId] = ofGrain = new Dictionary<string, ReminderEntry>(StringComparer.Ordinal);
        }

        _count += ofGrain.ContainsKey(row.ReminderName) ? 0 : 1;
        ofGrain[row.ReminderName] = row;
        return row.ETag;
    });

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string? eTag) => LockedAsync(async () =>
    {
        var rows = Load();
        if (!rows.TryGetValue(grainId, out var ofGrain) || !ofGrain.TryGetValue(reminderName, out var row) || row.ETag != eTag)
        {
            return false;
        }

        await AppendAsync(new StoredChange(_version + 1, Stored(row), Removed: true));
        ofGrain.Remove(reminderName);
        if (ofGrain.Count == 0)
        {
            rows.Remove(grainId);
        }

        _count--;
        return true;
    });

    public Task TestOnlyClearTable() => LockedAsync(async () =>
    {
        Load().Clear();
        _count = 0;
        await SnapshotAsync(_version + 1);
        return true;
    });

    internal static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private async Task<T> LockedAsync<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ReminderEntry Copy(ReminderEntry row) => new()
    {
        GrainId = row.GrainId,
        ReminderName = row.ReminderName,
        StartAt = row.StartAt,
        Period = row.Period,
        ETag = row.ETag,
    };

    private static StoredReminder Stored(ReminderEntry r) =>
        new(r.GrainId.ToString(), r.ReminderName, new DateTimeOffset(DateTime.SpecifyKind(r.StartAt, DateTimeKind.Utc)), (long)r.Period.TotalMilliseconds, r.ETag ?? "");

    private static ReminderEntry Entry(StoredReminder row) => new()
    {
        GrainId = GrainId.Parse(row.GrainId),
        ReminderName = row.Name,
        StartAt = DateTime.SpecifyKind(row.StartAt.UtcDateTime, DateTimeKind.Utc),
        Period = TimeSpan.FromMilliseconds(row.PeriodMs),
        ETag = row.ETag,
    };

    /// <summary>The table in memory, read once from the snapshot and the change log.</summary>
    private Dictionary<GrainId, Dictionary<string, ReminderEntry>> Load()
    {
        if (_rows is not null)
        {
            return _rows;
        }

        var rows = new Dictionary<GrainId, Dictionary<string, ReminderEntry>>();
        void Apply(StoredReminder stored, bool removed)
        {
            var row = Entry(stored);
            if (!rows.TryGetValue(row.GrainId, out var ofGrain))
            {
                rows[row.GrainId] = ofGrain = new Dictionary<string, ReminderEntry>(StringComparer.Ordinal);
            }

            if (removed)
            {
                ofGrain.Remove(row.ReminderName);
            }
            else
            {
                ofGrain[row.ReminderName] = row;
            }
        }

        if (File.Exists(Path))
        {
            var snapshot = JsonSerializer.Deserialize<StoredTable>(File.ReadAllBytes(Path), Json)
                ?? throw new InvalidDataException($"{Path} holds no reminder table");
            _version = snapshot.Version;
            snapshot.Reminders.ForEach(r => Apply(r, removed: false));
        }

        if (File.Exists(LogPath))
        {
            foreach (var line in File.ReadLines(LogPath))
            {
                StoredChange? change;
                try
                {
                    change = JsonSerializer.Deserialize<StoredChange>(line, Json);
                }
                catch (JsonException)
                {
                    break; // A torn append from a crash: it was never served.
                }

                if (change is not null && change.Version > _version)
                {
                    Apply(change.Row, change.Removed);
                    _version = change.Version;
                }

                _logLines++;
            }
        }

        foreach (var empty in rows.Where(g => g.Value.Count == 0).Select(g => g.Key).ToList())
        {
            rows.Remove(empty);
        }

        _rows = rows;
        _count = rows.Values.Sum(g => g.Count);
        return rows;
    }

    /// <summary>Appends one change and writes it out before the caller serves it; compacts when the log is long.</summary>
    private async Task AppendAsync(StoredChange change)
    {
        if (_logLines >= Math.Max(MinimumLogLines, 2 * _count))
        {
            await SnapshotAsync(_version);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _log ??= new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.Read);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(change, Json) + "\n");
        await _log.WriteAsync(line);
        // To the operating system, so a killed process keeps it; the snapshot is flushed to disk. A power cut can
        // lose the last changes, which only delays an owed insight until its incident is next activated.
        await _log.FlushAsync();
        _logLines++;
        _version = change.Version;
    }

    /// <summary>Writes the whole table as the snapshot and starts an empty change log.</summary>
    private async Task SnapshotAsync(long version)
    {
        var stored = new StoredTable(version, _rows!.Values.SelectMany(g => g.Values).Select(Stored).ToList());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(stored, Json);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await file.WriteAsync(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
        if (_log is not null)
        {
            await _log.DisposeAsync();
            _log = null;
        }

        File.Delete(LogPath);
        _logLines = 0;
        _version = version;
    }

    private sealed record StoredTable(long Version, List<StoredReminder> Reminders);

    private sealed record StoredReminder(string GrainId, string Name, DateTimeOffset StartAt, long PeriodMs, string ETag);

    private sealed record StoredChange(long Version, StoredReminder Row, bool Removed);
}
