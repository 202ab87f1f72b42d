using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;
using AiOps.Core.Tracing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Tracing;

/// <summary>
/// The embedded trace store: one SQLite file in the data directory (WAL, synchronous=NORMAL, so a committed batch
/// survives a killed process). A table per hour of trace start (<c>traces_h{hour}</c>) with a row per trace part,
/// clustered on (tracking id, part) (WITHOUT ROWID); a normal event is two integers, an anomalous event's record a
/// small blob (<see cref="TraceRecordFormat"/>; JSON before it). With no time index to maintain an insert is one
/// B-tree insert; retention drops the tables whose whole hour is older than the cutoff, and a read looks the id up in
/// each live table (one query).
/// </summary>
public sealed partial class SqliteTraceStore : WriteBehindTraceStore
{
    private readonly string _readConnectionString;
    private readonly SqliteConnection _writer;
    private readonly Dictionary<long, PreparedTraceInsert> _inserts = [];
    private readonly Lock _gate = new();
    private readonly Func<TraceSettings> _settings;
    private readonly ILogger _logger;
    private long[] _hours;
    private string? _selectSql;
    private long _prunedBefore = long.MinValue;

    public SqliteTraceStore(string path, Func<TraceSettings> settings, ILogger<SqliteTraceStore> logger) : base(settings)
    {
        _settings = settings;
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;");
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
        _hours = ExistingHours(_writer);
        StartWriter();
    }

    public override Task<TraceRecord?> GetAsync(string trackingId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Task.FromResult(Read(trackingId));
            }
            catch (SqliteException) when (attempt == 1)
            {
                // An hour table dropped by retention between listing and reading: read again with the new list.
            }
        }
    }

    public override Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        // Whole hours only: a table goes once its last tick is before the cutoff.
        var lastExpiredHour = before.UtcTicks / TimeSpan.TicksPerHour - 1;
        long[] expired;
        lock (_gate)
        {
            _prunedBefore = Math.Max(_prunedBefore, lastExpiredHour + 1);
            expired = _hours.Where(h => h <= lastExpiredHour).ToArray();
            _hours = _hours.Where(h => h > lastExpiredHour).ToArray();
            _selectSql = null;
        }

        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        var removed = 0;
        foreach (var hour in expired)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {Table(hour)}";
            removed += Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            Execute(connection, $"DROP TABLE IF EXISTS {Table(hour)}");
        }

        return Task.FromResult(removed);
    }

    protected override Task WriteBatchAsync(ArraySegment<PendingTrace> batch)
    {
        using var transaction = _writer.BeginTransaction();
        var created = new List<long>();
        long prunedBefore;
        lock (_gate)
        {
            prunedBefore = _prunedBefore;
        }

        foreach (var hour in _inserts.Keys.Where(h => h < prunedBefore).ToList())
        {
            _inserts.Remove(hour, out var stale);
            stale!.Dispose();
        }

        foreach (var trace in batch)
        {
            var start = trace.StartTicks;
            var hour = start / TimeSpan.TicksPerHour;
            if (hour < prunedBefore)
            {
                continue; // Older than the retention already: nothing to keep.
            }

            var insert = InsertInto(hour, transaction, created);
            if (trace.Record is null)
            {
                insert.Insert(trace.TrackingId, TraceParts.Normal, trace.IngestedTicks, trace.DetectedTicks, []);
            }
            else
            {
                insert.Insert(trace.TrackingId, TraceParts.Of(trace.Record), start, 0L, TraceRecordFormat.Write(trace.Record));
            }
        }

        transaction.Commit();
        if (created.Count > 0)
        {
            lock (_gate)
            {
                _hours = _hours.Union(created.Where(h => h >= _prunedBefore)).Order().ToArray();
                _selectSql = null;
            }
        }

        return Task.CompletedTask;
    }

    protected override void OnWriteFailed(Exception error, int count, int attempt) => LogWriteFailed(_logger, count, attempt, error);

    protected override void OnDropped(long total) => LogDropped(_logger, total);

    protected override ValueTask DisposeCoreAsync()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Dispose();
        }

        _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
        return ValueTask.CompletedTask;
    }

    private TraceRecord? Read(string trackingId)
    {
        string? sql;
        lock (_gate)
        {
            sql = _selectSql ??= _hours.Length == 0 ? "" : string.Join(" UNION ALL ", _hours.Select(h => $"SELECT part, start, detected, body FROM {Table(h)} WHERE id = $id"));
        }

        if (sql.Length == 0)
        {
            return null;
        }

        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = sql;
        select.Parameters.AddWithValue("$id", trackingId);
        var parts = new List<(int, TraceRecord)>(2);
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var part = reader.GetInt32(0);
                var record = part == TraceParts.Normal
                    ? TraceParts.NormalRecord(trackingId, reader.GetInt64(1), reader.GetInt64(2))
                    : Body(trackingId, reader.GetFieldValue<byte[]>(3));
                if (record is not null)
                {
                    parts.Add((part, record));
                }
            }
        }

        return TraceParts.Merge(trackingId, parts);
    }

    // Bodies written before the compact format are JSON.
    private static TraceRecord? Body(string trackingId, byte[] body) =>
        TraceRecordFormat.IsCompact(body) ? TraceRecordFormat.Read(trackingId, body) : JsonSerializer.Deserialize<TraceRecord>(body, AiOpsJson.Options);

    private PreparedTraceInsert InsertInto(long hour, SqliteTransaction transaction, List<long> created)
    {
        if (!_inserts.TryGetValue(hour, out var insert))
        {
            using (var create = _writer.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = $"CREATE TABLE IF NOT EXISTS {Table(hour)} (id TEXT NOT NULL, part INTEGER NOT NULL, start INTEGER NOT NULL, "
                    + "detected INTEGER NOT NULL, body BLOB, PRIMARY KEY (id, part)) WITHOUT ROWID";
                create.ExecuteNonQuery();
            }

            insert = new PreparedTraceInsert(_writer, Table(hour));
            _inserts[hour] = insert;
            created.Add(hour);
        }

        return insert;
    }

    // Table names come from integers only (the hour since 0001-01-01), never from input.
    private static string Table(long hour) => "traces_h" + hour.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long[] ExistingHours(SqliteConnection connection)
    {
        using var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'traces_h%'";
        var hours = new List<long>();
        using var reader = list.ExecuteReader();
        while (reader.Read())
        {
            if (long.TryParse(reader.GetString(0).AsSpan("traces_h".Length), System.Globalization.CultureInfo.InvariantCulture, out var hour))
            {
                hours.Add(hour);
            }
        }

        return hours.Order().ToArray();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Writing {Count} traces to SQLite failed (attempt {Attempt}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, int count, int attempt, Exception error);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Traces dropped so far: {Total} (the write-behind buffer stayed full, or the store is closed)")]
    private static partial void LogDropped(ILogger logger, long total);
}
