using AiOps.Core.Policy;
using AiOps.Grains.Analytics;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps.Integration.Tests.Analytics;

public sealed class AnalyticsSinkTests
{
    private sealed class FlakyWriter : IAnalyticsWriter
    {
        public bool Down { get; set; } = true;

        public List<(string Table, object?[] Row)> Rows { get; } = [];

        public Task WriteAsync(AnalyticsTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new HttpRequestException("clickhouse unreachable");
            }

            Rows.AddRange(rows.Select(r => (table.Name, r)));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task An_outage_of_the_store_loses_no_row_and_the_columns_match_the_tables()
    {
        var writer = new FlakyWriter();
        var policy = new PolicyRuntime(new StaticPolicyProvider(PolicyLoader.Load(PolicyFolder.Copy())));
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var sink = new AnalyticsSink(writer, policy, meters, TimeProvider.System, NullLogger<AnalyticsSink>.Instance);
        var ship = Events.Ship("sink");
        var logs = Enumerable.Range(0, 30).Select(i => new Contracts.Messages.LogMessage
        {
            TrackingId = $"t-{i}", Ts = DateTimeOffset.UtcNow, ShipId = ship, Domain = Contracts.Domain.App, Service = "pms",
            Level = Contracts.MessageLevel.Info, Msg = $"line {i}",
        }).ToList();

        sink.Logs(logs);
        await sink.FlushAsync(CancellationToken.None);
        Assert.Empty(writer.Rows);
        Assert.Equal(30, sink.Buffered["aiops.logs"]);

        writer.Down = false;
        await Task.Delay(150); // past the first backoff
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal(30, writer.Rows.Count);
        Assert.Equal(logs.Select(l => l.TrackingId), writer.Rows.Select(r => (string)r.Row[1]!));
        Assert.All(writer.Rows, r => Assert.Equal(AnalyticsTable.Logs.Columns.Count, r.Row.Length));
        Assert.Equal(0, sink.Buffered["aiops.logs"]);
    }

    [Fact]
    public void Every_sink_table_and_column_exists_in_the_ddl()
    {
        var ddl = File.ReadAllText(RepoPaths.Of("deploy", "clickhouse", "init.sql"));
        foreach (var table in AnalyticsTable.All)
        {
            var start = ddl.IndexOf($"CREATE TABLE IF NOT EXISTS {table.Name}", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{table.Name} is not in the DDL");
            var body = ddl[start..ddl.IndexOf("ENGINE", start, StringComparison.Ordinal)];
            Assert.All(table.Columns, column => Assert.Matches($@"\n\s+{column}\s", body));
        }
    }
}
