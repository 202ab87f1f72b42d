using System.Globalization;
using System.Text.Json;
using Orleans.Runtime;

namespace AiOps.Grains.Storage;

/// <summary>
/// Orleans reminders for the embedded (single box) mode, in one JSON file in the data directory, so that a
/// reminder outlives the process as grain state does. Every change rewrites the file as
/// <see cref="FileGrainStorage"/> writes state: a temporary file, flushed to disk and renamed over the old one,
/// so a power cut leaves the old table or the new one. The ETag of a row is a counter of the table's writes.
/// </summary>
public sealed class FileReminderTable(string path) : IReminderTable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<(GrainId Grain, string Name), ReminderEntry>? _rows;
    private long _version;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public Task Init() => LoadAsync();

    public Task StartAsync(CancellationToken cancellationToken = default) => LoadAsync();

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var rows = await RowsAsync();
        return new ReminderTableData(rows.Values.Where(r => r.GrainId == grainId).Select(Copy));
    }

    /// <summary>The rows whose grain hash is in (<paramref name="begin"/>, <paramref name="end"/>], wrapping past uint.MaxValue; all rows when they are equal.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var rows = await RowsAsync();
        return new ReminderTableData(rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(Copy));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await RowsAsync();
        return rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row) : null;
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await _gate.WaitAsync();
        try
        {
            var rows = new Dictionary<(GrainId, string), ReminderEntry>(await LoadLockedAsync());
            var etag = (_version + 1).ToString(CultureInfo.InvariantCulture);
            rows[(entry.GrainId, entry.ReminderName)] = new ReminderEntry
            {
                GrainId = entry.GrainId,
                ReminderName = entry.ReminderName,
                StartAt = entry.StartAt,
                Period = entry.Period,
                ETag = etag,
            };
            await SaveLockedAsync(rows, _version + 1);
            return etag;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string? eTag)
    {
        await _gate.WaitAsync();
        try
        {
            var rows = new Dictionary<(GrainId, string), ReminderEntry>(await LoadLockedAsync());
            if (!rows.TryGetValue((grainId, reminderName), out var row) || row.ETag != eTag)
            {
                return false;
            }

            rows.Remove((grainId, reminderName));
            await SaveLockedAsync(rows, _version + 1);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task TestOnlyClearTable()
    {
        await _gate.WaitAsync();
        try
        {
            await SaveLockedAsync(new(), _version + 1);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry row) => new()
    {
        GrainId = row.GrainId,
        ReminderName = row.ReminderName,
        StartAt = row.StartAt,
        Period = row.Period,
        ETag = row.ETag,
    };

    private async Task LoadAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await LoadLockedAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<(GrainId, string), ReminderEntry>> RowsAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return new(await LoadLockedAsync());
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<(GrainId Grain, string Name), ReminderEntry>> LoadLockedAsync()
    {
        if (_rows is not null)
        {
            return _rows;
        }

        var rows = new Dictionary<(GrainId, string), ReminderEntry>();
        if (File.Exists(Path))
        {
            await using var file = File.OpenRead(Path);
            var stored = await JsonSerializer.DeserializeAsync<StoredTable>(file, Json)
                ?? throw new InvalidDataException($"{Path} holds no reminder table");
            _version = stored.Version;
            foreach (var row in stored.Reminders)
            {
                var grainId = GrainId.Parse(row.GrainId);
                rows[(grainId, row.Name)] = new ReminderEntry
                {
                    GrainId = grainId,
                    ReminderName = row.Name,
                    StartAt = DateTime.SpecifyKind(row.StartAt.UtcDateTime, DateTimeKind.Utc),
                    Period = TimeSpan.FromMilliseconds(row.PeriodMs),
                    ETag = row.ETag,
                };
            }
        }

        _rows = rows;
        return rows;
    }

    /// <summary>Writes the table, and only once it is on disk makes it the one this process serves.</summary>
    private async Task SaveLockedAsync(Dictionary<(GrainId Grain, string Name), ReminderEntry> rows, long version)
    {
        var stored = new StoredTable(version, rows.Values
            .OrderBy(r => r.GrainId.ToString(), StringComparer.Ordinal).ThenBy(r => r.ReminderName, StringComparer.Ordinal)
            .Select(r => new StoredReminder(r.GrainId.ToString(), r.ReminderName, new DateTimeOffset(DateTime.SpecifyKind(r.StartAt, DateTimeKind.Utc)), (long)r.Period.TotalMilliseconds, r.ETag ?? ""))
            .ToList());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(stored, Json);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await file.WriteAsync(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
        _rows = rows;
        _version = version;
    }

    private sealed record StoredTable(long Version, List<StoredReminder> Reminders);

    private sealed record StoredReminder(string GrainId, string Name, DateTimeOffset StartAt, long PeriodMs, string ETag);
}
