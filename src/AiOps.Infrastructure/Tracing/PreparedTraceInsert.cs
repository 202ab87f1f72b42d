using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AiOps.Infrastructure.Tracing;

/// <summary>
/// The trace store's insert into one hour's table, prepared once and bound by position through SQLite's own API.
/// Through <see cref="SqliteCommand"/> every row looked its five parameters up by name and built a data reader:
/// in an alert storm (a trace row per alert) that was about 6% of the host's CPU, more than SQLite's insert.
/// </summary>
internal sealed class PreparedTraceInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    // Ingest keeps tracking ids short (TrackingIds.MaxLength); a longer one would still bind, through a copy.
    private const int MaxStackId = 512;

    public PreparedTraceInsert(SqliteConnection connection, string table)
    {
        _connection = connection;
        // The table name is built from an integer (see SqliteTraceStore.Table); every value is bound.
        var rc = raw.sqlite3_prepare_v2(connection.Handle, $"INSERT OR REPLACE INTO {table} (id, part, start, detected, body) VALUES (?1, ?2, ?3, ?4, ?5)", out _statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    /// <summary>Inserts one row, inside the connection's open transaction; an empty body is stored as NULL (a normal event).</summary>
    public void Insert(string trackingId, long part, long start, long detected, ReadOnlySpan<byte> body)
    {
        try
        {
            // Encoded here rather than by the string overload, which allocated a fresh UTF-8 copy per row.
            Span<byte> id = stackalloc byte[MaxStackId];
            var length = Encoding.UTF8.GetMaxByteCount(trackingId.Length) <= MaxStackId ? Encoding.UTF8.GetBytes(trackingId, id) : -1;
            Check(length >= 0 ? raw.sqlite3_bind_text(_statement, 1, id[..length]) : raw.sqlite3_bind_text(_statement, 1, trackingId));
            Check(raw.sqlite3_bind_int64(_statement, 2, part));
            Check(raw.sqlite3_bind_int64(_statement, 3, start));
            Check(raw.sqlite3_bind_int64(_statement, 4, detected));
            Check(body.IsEmpty ? raw.sqlite3_bind_null(_statement, 5) : raw.sqlite3_bind_blob(_statement, 5, body));
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
}
