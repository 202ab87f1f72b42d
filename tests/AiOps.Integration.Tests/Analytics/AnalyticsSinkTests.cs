using AiOps.Core.Policy;
using AiOps.Infrastructure.Analytics;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Integration.Tests.Analytics;

[Trait(TestCategory.Name, TestCategory.Component)]
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
        var folder = PolicyFolder.Copy();
        PolicyFolder.Edit(folder, "privacy.yaml", "raw_logs: false", "raw_logs: true"); // this store is on board
        // Moved by hand, so that the retry backoff passes without a sleep.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sink = Sink(writer, folder, clock);
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
        await sink.FlushAsync(CancellationToken.None);
        Assert.Empty(writer.Rows); // still inside the first backoff: no retry yet

        clock.Advance(TimeSpan.FromMilliseconds(150)); // past the first backoff (100 ms)
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal(30, writer.Rows.Count);
        Assert.Equal(logs.Select(l => l.TrackingId), writer.Rows.Select(r => (string)r.Row[1]!));
        Assert.All(writer.Rows, r => Assert.Equal(AnalyticsTable.Logs.Columns.Count, r.Row.Length));
        Assert.Equal(0, sink.Buffered["aiops.logs"]);
    }

    [Fact]
    public async Task With_the_shipped_privacy_policy_raw_logs_stay_on_board_and_what_leaves_is_redacted()
    {
        var writer = new FlakyWriter { Down = false };
        var sink = Sink(writer, PolicyFolder.Copy());
        var now = DateTimeOffset.UtcNow;

        sink.Logs([new Contracts.Messages.LogMessage { TrackingId = "l-1", Ts = now, ShipId = "ship-a", Domain = Contracts.Domain.App, Service = "pms", Level = Contracts.MessageLevel.Error, Msg = "login for jane@example.com" }]);
        sink.Metrics([new Contracts.Messages.MetricSample { TrackingId = "m-1", Ts = now, ShipId = "ship-a", Domain = Contracts.Domain.System, Service = "host", Metric = "cpu_pct", Value = 12 }]);
        sink.Incident(new Contracts.Messages.Incident
        {
            TrackingId = "l-1", Ts = now, ShipId = "ship-a", IncidentId = "INC-1", IncidentType = "auth_failure", Severity = Contracts.Severity.Low,
            Status = Contracts.IncidentStatus.Open, Scope = [], CorrKeys = [], SuppressKey = "k", Timeline = [],
            Evidence = [new Contracts.Messages.Evidence("/api/v3/trace/l-1", "Authentication failed for jane@example.com", 0.7)],
            CreatedAt = now, UpdatedAt = now, AnomalyCount = 1, DuplicateCount = 0, TrackingIds = ["l-1"], FirstEventTs = now, LastEventTs = now,
        });
        sink.Traces("ship-a", [new Contracts.Pipeline.TraceRecord { TrackingId = "l-1", Status = "complete", Stages = [new("ingested", now, "ok")], IncidentId = "INC-1" }]);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal("ship-a", writer.Rows.Single(r => r.Table == "aiops.traces").Row[1]);
        Assert.DoesNotContain(writer.Rows, r => r.Table == "aiops.logs");
        Assert.Single(writer.Rows, r => r.Table == "aiops.metrics");
        var document = (string)writer.Rows.Single(r => r.Table == "aiops.incidents").Row[^1]!;
        Assert.DoesNotContain("jane@example.com", document);
        Assert.Contains("[email]", document);
    }

    private static AnalyticsSink Sink(IAnalyticsWriter writer, string policyFolder, TimeProvider? clock = null)
    {
        var policy = new PolicyRuntime(new StaticPolicyProvider(PolicyLoader.Load(policyFolder)));
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new AnalyticsSink(writer, policy, meters, clock ?? TimeProvider.System, NullLogger<AnalyticsSink>.Instance);
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
