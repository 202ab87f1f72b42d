namespace AiOps.Infrastructure.Analytics;

/// <summary>Writes a batch of rows to a table of the analytics store (deploy/clickhouse/init.sql).</summary>
public interface IAnalyticsWriter
{
    Task WriteAsync(AnalyticsTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);
}
