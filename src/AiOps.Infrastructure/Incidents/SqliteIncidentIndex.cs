using System.Globalization;
using System.Text;
using System.Threading.Channels;
using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AiOps.Infrastructure.Incidents;

/// <summary>
/// The embedded incident index: <c>incidents.db</c> in the data directory (WAL, synchronous=NORMAL, parameterised
/// SQL only), one row per incident upserted on each change. Indexes on (created, id) newest first and on each
/// equality filter followed by (created, id) serve the list, COUNT its total, GROUP BY the breakdowns, a partial
/// index on the closing time the retention. Writes go through one connection in group commits: what the grains
/// hand over while a transaction commits goes into the next one, and each upsert completes once committed.
/// </summary>
public sealed partial class SqliteIncidentIndex : IIncidentIndex, IAsyncDisposable
{
    // Rows per group commit at most, so one transaction stays short under a burst.
    private const int MaxGroup = 4096;
    private const long HourTicks = TimeSpan.TicksPerHour;
    private const string Columns = "id, created, ship, severity, status, type, closed, search";

    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS incidents (id TEXT NOT NULL UNIQUE, created INTEGER NOT NULL, ship TEXT NOT NULL, "
            + "severity INTEGER NOT NULL, status INTEGER NOT NULL, type TEXT NOT NULL, closed INTEGER, search TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS incidents_newest ON incidents (created DESC, id DESC, severity, status, type)",
        "CREATE INDEX IF NOT EXISTS incidents_ship ON incidents (ship, created DESC, id DESC)",
        "CREATE INDEX IF NOT EXISTS incidents_status ON incidents (status, created DESC, id DESC)",
        "CREATE INDEX IF NOT EXISTS incidents_severity ON incidents (severity, created DESC, id DESC)",
        // The operator's usual screen (open, high and critical): counted from the index alone.
        "CREATE INDEX IF NOT EXISTS incidents_status_severity ON incidents (status, severity, created DESC, id DESC)",
        "CREATE INDEX IF NOT EXISTS incidents_type ON incidents (type, created DESC, id DESC)",
        "CREATE INDEX IF NOT EXISTS incidents_closed ON incidents (closed) WHERE closed IS NOT NULL",
        // Counts per hour of creation, severity, status and type, kept by triggers in the row's own transaction:
        // the breakdowns read whole hours from here and only the partial first hour from the incidents.
        "CREATE TABLE IF NOT EXISTS incident_counts (hour INTEGER NOT NULL, severity INTEGER NOT NULL, status INTEGER NOT NULL, "
            + "type TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (hour, severity, status, type)) WITHOUT ROWID",
        "CREATE TRIGGER IF NOT EXISTS incidents_counted AFTER INSERT ON incidents BEGIN "
            + $"INSERT INTO incident_counts VALUES (new.created / {HourTicks}, new.severity, new.status, new.type, 1) "
            + "ON CONFLICT DO UPDATE SET n = n + 1; END",
        "CREATE TRIGGER IF NOT EXISTS incidents_uncounted AFTER DELETE ON incidents BEGIN "
            + $"UPDATE incident_counts SET n = n - 1 WHERE hour = old.created / {HourTicks} AND severity = old.severity "
            + "AND status = old.status AND type = old.type; END",
        "CREATE TRIGGER IF NOT EXISTS incidents_recounted AFTER UPDATE OF created, severity, status, type ON incidents BEGIN "
            + $"UPDATE incident_counts SET n = n - 1 WHERE hour = old.created / {HourTicks} AND severity = old.severity "
            + "AND status = old.status AND type = old.type; "
            + $"INSERT INTO incident_counts VALUES (new.created / {HourTicks}, new.severity, new.status, new.type, 1) "
            + "ON CONFLICT DO UPDATE SET n = n + 1; END",
    ];

    private readonly string _readConnectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Task _writerLoop;

    public SqliteIncidentIndex(string path, ILogger<SqliteIncidentIndex> logger)
    {
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;");
        foreach (var statement in Schema)
        {
            Execute(_writer, statement);
        }

        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    public Task UpsertAsync(IncidentSummary summary, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new Write(summary, null));

    public Task RemoveAsync(IReadOnlyCollection<string> incidentIds, CancellationToken cancellationToken = default) =>
        incidentIds.Count == 0 ? Task.CompletedTask : EnqueueAsync(new Write(null, incidentIds));

    public Task<IncidentPage> QueryAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        // One read transaction: the total and the page come from the same snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        var where = Where(query, count);
        count.CommandText = "SELECT count(*) FROM incidents" + where;
        var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);

        var ids = new List<string>(Math.Min(query.PerPage, Math.Max(total, 0)));
        var offset = IncidentIndexing.Offset(query);
        if (offset < total)
        {
            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT id FROM incidents" + Where(query, select) + " ORDER BY created DESC, id DESC LIMIT $limit OFFSET $offset";
            select.Parameters.AddWithValue("$limit", query.PerPage);
            select.Parameters.AddWithValue("$offset", offset);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        return Task.FromResult(new IncidentPage(ids, total));
    }

    public Task<IncidentBreakdown> BreakdownAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var select = connection.CreateCommand();
        // Whole hours from the counts, the part of the first hour from the rows themselves: exact, and the cost is
        // the hours of the range, not the incidents in it.
        var firstWholeHour = (since.UtcTicks + HourTicks - 1) / HourTicks;
        select.CommandText = "SELECT severity, status, type, sum(n) FROM ("
            + "SELECT severity, status, type, n FROM incident_counts WHERE hour >= $hour "
            + "UNION ALL SELECT severity, status, type, 1 FROM incidents WHERE created >= $since AND created < $hourStart"
            + ") GROUP BY severity, status, type";
        select.Parameters.AddWithValue("$hour", firstWholeHour);
        select.Parameters.AddWithValue("$since", since.UtcTicks);
        select.Parameters.AddWithValue("$hourStart", firstWholeHour * HourTicks);
        var rows = new List<(Severity, IncidentStatus, string, int)>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(((Severity)reader.GetInt32(0), (IncidentStatus)reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        return Task.FromResult(IncidentIndexing.Breakdown(rows));
    }

    public Task<IReadOnlyList<string>> ExpiredAsync(IReadOnlyDictionary<string, DateTimeOffset> cutoffByShip, DateTimeOffset fleetCutoff,
        CancellationToken cancellationToken = default)
    {
        // The latest cutoff bounds the scan (partial index on closed); each row is then held to its own ship's.
        var latest = cutoffByShip.Values.Append(fleetCutoff).Max();
        using var connection = OpenReader();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, ship, closed FROM incidents WHERE closed IS NOT NULL AND closed < $latest";
        select.Parameters.AddWithValue("$latest", latest.UtcTicks);
        var expired = new List<string>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var ship = reader.GetString(1);
                if (reader.GetInt64(2) < cutoffByShip.GetValueOrDefault(ship, fleetCutoff).UtcTicks)
                {
                    expired.Add(reader.GetString(0));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(expired);
    }

    public Task ProbeAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        Execute(connection, "SELECT 1 FROM incidents LIMIT 1");
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writerLoop;
        _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
    }

    /// <summary>
    /// The filters as SQL over fixed column names; every value is a parameter. The planner picks the index of
    /// the most selective equality filter (or the newest-first index), which also gives the order.
    /// </summary>
    private static string Where(IncidentQuery query, SqliteCommand command)
    {
        var sql = new StringBuilder();
        void And(string condition) => sql.Append(sql.Length == 0 ? " WHERE " : " AND ").Append(condition);

        var severities = query.Severities.Distinct().ToList();
        if (severities.Count > 0)
        {
            And("severity IN (" + string.Join(", ", severities.Select((_, i) => "$severity" + i.ToString(CultureInfo.InvariantCulture))) + ")");
            for (var i = 0; i < severities.Count; i++)
            {
                command.Parameters.AddWithValue("$severity" + i.ToString(CultureInfo.InvariantCulture), (int)severities[i]);
            }
        }

        if (query.Status is { } status)
        {
            And("status = $status");
            command.Parameters.AddWithValue("$status", (int)status);
        }

        if (query.ShipId is { } ship)
        {
            And("ship = $ship");
            command.Parameters.AddWithValue("$ship", ship);
        }

        if (query.IncidentType is { } type)
        {
            And("type = $type");
            command.Parameters.AddWithValue("$type", type);
        }

        if (query.Since is { } since)
        {
            And("created >= $since");
            command.Parameters.AddWithValue("$since", since.UtcTicks);
        }

        if (IncidentIndexing.Needle(query) is { } needle)
        {
            // The search text is lower-cased and so is the needle, so LIKE's ASCII case folding changes nothing.
            And("search LIKE $search ESCAPE '\\'");
            command.Parameters.AddWithValue("$search", IncidentIndexing.ContainsPattern(needle));
        }

        return sql.ToString();
    }

    private Task EnqueueAsync(Write write)
    {
        if (!_writes.Writer.TryWrite(write))
        {
            return Task.FromException(new ObjectDisposedException(nameof(SqliteIncidentIndex)));
        }

        return write.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>();
        using var upsert = _writer.CreateCommand();
        upsert.CommandText = $"INSERT INTO incidents ({Columns}) VALUES ($id, $created, $ship, $severity, $status, $type, $closed, $search) "
            + "ON CONFLICT (id) DO UPDATE SET created = excluded.created, ship = excluded.ship, severity = excluded.severity, "
            + "status = excluded.status, type = excluded.type, closed = excluded.closed, search = excluded.search";
        foreach (var name in new[] { "$id", "$created", "$ship", "$severity", "$status", "$type", "$closed", "$search" })
        {
            upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        using var delete = _writer.CreateCommand();
        delete.CommandText = "DELETE FROM incidents WHERE id = $id";
        delete.Parameters.Add(new SqliteParameter { ParameterName = "$id" });

        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxGroup && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                using (var transaction = _writer.BeginTransaction())
                {
                    upsert.Transaction = transaction;
                    delete.Transaction = transaction;
                    foreach (var write in batch)
                    {
                        if (write.Summary is { } s)
                        {
                            var p = upsert.Parameters;
                            p[0].Value = s.IncidentId;
                            p[1].Value = s.CreatedAt.UtcTicks;
                            p[2].Value = s.ShipId;
                            p[3].Value = (int)s.Severity;
                            p[4].Value = (int)s.Status;
                            p[5].Value = s.IncidentType;
                            p[6].Value = s.ClosedAt is { } closed ? closed.UtcTicks : DBNull.Value;
                            p[7].Value = s.SearchText;
                            upsert.ExecuteNonQuery();
                        }

                        foreach (var id in write.Removed ?? [])
                        {
                            delete.Parameters[0].Value = id;
                            delete.ExecuteNonQuery();
                        }
                    }

                    transaction.Commit();
                }

                foreach (var write in batch)
                {
                    write.Done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                // The whole group failed: each caller sees it (an incident publishes again on its next change).
                LogWriteFailed(_logger, batch.Count, e);
                foreach (var write in batch)
                {
                    write.Done.TrySetException(e);
                }
            }
        }
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(EventId = 7121, Level = LogLevel.Warning, Message = "Writing {Count} incident summaries to SQLite failed")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception error);

    private sealed record Write(IncidentSummary? Summary, IReadOnlyCollection<string>? Removed)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
