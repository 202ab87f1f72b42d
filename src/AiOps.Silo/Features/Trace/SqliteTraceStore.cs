using System.Text.Json;
using AiOps.Contracts.Json;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;
using AiOps.Core.Tracing;
using Microsoft.Data.Sqlite;

namespace AiOps.Silo.Features.Trace;

/// <summary>
/// The embedded trace store: one SQLite file in the data directory (WAL, synchronous=NORMAL, so a committed batch
/// survives a killed process). A row per trace part, keyed by tracking id and part, clustered on that key
/// (WITHOUT ROWID); a normal event is two integers, an anomalous event's record a small JSON blob. Retention
/// deletes by the trace's start time through an index.
/// </summary>
public sealed partial class SqliteTraceStore : WriteBehindTraceStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS traces (
            id TEXT NOT NULL,
            part INTEGER NOT NULL,
            start INTEGER NOT NULL,
            detected INTEGER NOT NULL,
            body BLOB,
            PRIMARY KEY (id, part)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS traces_by_start ON traces (start);
        """;

    private readonly string _readConnectionString;
    private readonly SqliteConnection _writer;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _id;
    private readonly SqliteParameter _part;
    private readonly SqliteParameter _start;
    private readonly SqliteParameter _detected;
    private readonly SqliteParameter _body;
    private readonly Func<TraceSettings> _settings;
    private readonly ILogger _logger;

    public SqliteTraceStore(string path, Func<TraceSettings> settings, ILogger<SqliteTraceStore> logger) : base(settings)
    {
        _settings = settings;
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;");
        Execute(_writer, Schema);
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();

        _insert = _writer.CreateCommand();
        _insert.CommandText = "INSERT OR REPLACE INTO traces (id, part, start, detected, body) VALUES ($id, $part, $start, $detected, $body)";
        _id = _insert.Parameters.Add("$id", SqliteType.Text);
        _part = _insert.Parameters.Add("$part", SqliteType.Integer);
        _start = _insert.Parameters.Add("$start", SqliteType.Integer);
        _detected = _insert.Parameters.Add("$detected", SqliteType.Integer);
        _body = _insert.Parameters.Add("$body", SqliteType.Blob);
        _insert.Prepare();
        StartWriter();
    }

    public override Task<TraceRecord?> GetAsync(string trackingId, CancellationToken cancellationToken = default)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT part, start, detected, body FROM traces WHERE id = $id";
        select.Parameters.AddWithValue("$id", trackingId);
        var parts = new List<(int, TraceRecord)>(2);
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var part = reader.GetInt32(0);
                var record = part == TraceParts.Normal
                    ? TraceParts.NormalRecord(trackingId, reader.GetInt64(1), reader.GetInt64(2))
                    : JsonSerializer.Deserialize<TraceRecord>(reader.GetFieldValue<byte[]>(3), AiOpsJson.Options);
                if (record is not null)
                {
                    parts.Add((part, record));
                }
            }
        }

        return Task.FromResult(TraceParts.Merge(trackingId, parts));
    }

    public override Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        // In slices, so that the writer never waits long for the database.
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM traces WHERE (id, part) IN (SELECT id, part FROM traces WHERE start < $before LIMIT $slice)";
        delete.Parameters.AddWithValue("$before", before.UtcTicks);
        delete.Parameters.AddWithValue("$slice", _settings().WriteBatchSize);
        var total = 0;
        int removed;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            removed = delete.ExecuteNonQuery();
            total += removed;
        }
        while (removed > 0);

        return Task.FromResult(total);
    }

    protected override Task WriteBatchAsync(ArraySegment<PendingTrace> batch)
    {
        using var transaction = _writer.BeginTransaction();
        _insert.Transaction = transaction;
        foreach (var trace in batch)
        {
            _id.Value = trace.TrackingId;
            if (trace.Record is null)
            {
                _part.Value = TraceParts.Normal;
                _start.Value = trace.IngestedTicks;
                _detected.Value = trace.DetectedTicks;
                _body.Value = DBNull.Value;
            }
            else
            {
                _part.Value = TraceParts.Of(trace.Record);
                _start.Value = TraceParts.StartTicks(trace.Record);
                _detected.Value = 0L;
                _body.Value = JsonSerializer.SerializeToUtf8Bytes(trace.Record, AiOpsJson.Options);
            }

            _insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    protected override void OnWriteFailed(Exception error, int count, int attempt) => LogWriteFailed(_logger, count, attempt, error);

    protected override void OnDropped(long total) => LogDropped(_logger, total);

    protected override ValueTask DisposeCoreAsync()
    {
        _insert.Dispose();
        _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
        return ValueTask.CompletedTask;
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
