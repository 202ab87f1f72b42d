using ClickHouse.Driver;

namespace AiOps.Infrastructure.Analytics;

/// <summary>
/// Writes to ClickHouse (<c>ConnectionStrings:clickhouse</c>) with the driver's binary insert: values travel as
/// typed columns, never as SQL text, so nothing in a log line can change a statement. One thread-safe client
/// serves the process.
/// </summary>
public sealed class ClickHouseAnalyticsWriter(string connectionString) : IAnalyticsWriter, IDisposable
{
    private readonly ClickHouseClient _client = new(connectionString);

    public Task WriteAsync(AnalyticsTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        _client.InsertBinaryAsync(table.Name, table.Columns, rows, cancellationToken: cancellationToken);

    public void Dispose() => _client.Dispose();
}
