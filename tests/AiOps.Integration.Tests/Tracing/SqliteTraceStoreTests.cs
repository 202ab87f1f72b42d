using System.Diagnostics;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;
using AiOps.Core.Tracing;
using AiOps.Infrastructure.Tracing;
using AiOps.Integration.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace AiOps.Integration.Tests.Tracing;

/// <summary>The embedded trace store on a real SQLite file.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class SqliteTraceStoreTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Every trace here starts in T0's hour: the store keeps a table per hour.
    private static readonly string HourTable = $"traces_h{T0.UtcTicks / TimeSpan.TicksPerHour}";

    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("aiops-traces-").FullName, "traces.db");

    private static readonly TraceSettings Settings = new() { WriteBehindMaxPending = 200_000, WriteBatchSize = 5000, FullWaitMs = 5000, RetryDelayMs = 50 };

    [Fact]
    public async Task Parts_of_a_trace_merge_and_survive_reopening_the_file()
    {
        await using (var store = Open())
        {
            store.RecordNormal("normal-1", T0, T0.AddMilliseconds(2));
            store.Record([Anomalous("anomaly-1", T0)]);
            store.Record([new TraceRecord { TrackingId = "anomaly-1", Status = "complete", IncidentId = "INC-7", Stages = [new("insight", T0.AddSeconds(4), "ollama")] }]);
        }

        await using var reopened = Open();
        var normal = await reopened.GetAsync("normal-1");
        Assert.Equal(TraceParts.NoAnomaly, normal!.Status);
        Assert.Equal([T0, T0.AddMilliseconds(2)], normal.Stages.Select(s => s.Ts));
        var anomaly = await reopened.GetAsync("anomaly-1");
        Assert.Equal("complete", anomaly!.Status);
        Assert.Equal("INC-7", anomaly.IncidentId);
        Assert.Equal(["ingested", "detected", "enriched", "correlated", "incident", "insight"], anomaly.Stages.Select(s => s.Stage));
        Assert.Equal("degraded", anomaly.Stages.Single(s => s.Stage == "enriched").Status);
        Assert.Equal("enrichment failed", anomaly.Stages.Single(s => s.Stage == "enriched").Error);
        Assert.Null(await reopened.GetAsync("never-seen"));
    }

    [Fact]
    public async Task Anomalous_traces_are_kept_compact_and_those_kept_as_json_before_are_still_read()
    {
        await using (var store = Open())
        {
            store.Record([Anomalous("compact-1", T0)]);
            await store.FlushAsync();
        }

        var json = TraceRecordJson.ToUtf8(Anomalous("json-1", T0));
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO {HourTable} (id, part, start, detected, body) VALUES ('json-1', 1, $start, 0, $body)";
            insert.Parameters.AddWithValue("$start", T0.UtcTicks);
            insert.Parameters.AddWithValue("$body", json);
            insert.ExecuteNonQuery();
        }

        var compactLength = Count($"SELECT length(body) FROM {HourTable} WHERE id = 'compact-1'");
        Assert.True(compactLength < json.Length / 2, $"{compactLength} bytes against {json.Length} as JSON");
        await using var reopened = Open();
        foreach (var id in new[] { "compact-1", "json-1" })
        {
            var read = (await reopened.GetAsync(id))!;
            Assert.Equal(TraceRecordJson.ToUtf8(Anomalous(id, T0)), TraceRecordJson.ToUtf8(read));
        }
    }

    [Fact]
    public async Task FlushAsync_completes_only_once_the_traces_are_committed_to_the_file()
    {
        await using var store = Open();
        for (var i = 0; i < 20_000; i++)
        {
            store.RecordNormal($"flush-{i}", T0, T0);
        }

        await store.FlushAsync();

        // Another connection sees them: they are committed, not in the writer's buffer or transaction.
        Assert.Equal(0, store.Pending);
        Assert.Equal(20_000L, Count($"SELECT count(*) FROM {HourTable} WHERE id LIKE 'flush-%'"));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Prune_removes_traces_that_began_before_the_cutoff_and_keeps_the_rest()
    {
        await using var store = Open();
        store.RecordNormal("old-normal", T0.AddHours(-30), T0.AddHours(-30));
        store.Record([Anomalous("old-anomaly", T0.AddHours(-25))]);
        store.RecordNormal("new-normal", T0.AddHours(-1), T0.AddHours(-1));
        store.Record([Anomalous("new-anomaly", T0.AddHours(-2))]);
        await store.FlushAsync();

        var removed = await store.PruneAsync(T0.AddHours(-24));

        Assert.Equal(2, removed);
        Assert.Null(await store.GetAsync("old-normal"));
        Assert.Null(await store.GetAsync("old-anomaly"));
        Assert.NotNull(await store.GetAsync("new-normal"));
        Assert.NotNull(await store.GetAsync("new-anomaly"));
    }

    [Fact]
    public async Task Concurrent_recorders_lose_nothing()
    {
        await using var store = Open(new TraceSettings { WriteBehindMaxPending = 1000, WriteBatchSize = 100, FullWaitMs = 30_000, RetryDelayMs = 50 });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 3000; i++)
            {
                if (i % 10 == 0)
                {
                    store.Record([Anomalous($"c{worker}-{i}", T0)]);
                }
                else
                {
                    store.RecordNormal($"c{worker}-{i}", T0, T0);
                }
            }
        })));

        await store.FlushAsync();

        Assert.Equal(0, store.Dropped);
        Assert.Equal(12_000L, Count($"SELECT count(*) FROM {HourTable}"));
        Assert.Equal("complete", (await store.GetAsync("c3-2990"))!.Status);
        Assert.Equal(TraceParts.NoAnomaly, (await store.GetAsync("c2-2999"))!.Status);
    }

    [Fact]
    public async Task Normal_traces_are_written_in_batches_at_a_high_rate()
    {
        const int count = 200_000;
        await using var store = Open();
        var ids = Enumerable.Range(0, count).Select(i => $"{Guid.NewGuid():N}").ToArray();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            store.RecordNormal(id, T0, T0);
        }

        var recorded = watch.Elapsed;
        await store.FlushAsync();
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        // On a shared box the wall clock says little; the CPU time the process spent says what one core does.
        var rate = count / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{count} normal traces recorded ({recorded.TotalMilliseconds:N0} ms) and committed in {watch.ElapsedMilliseconds} ms: "
            + $"{rate:N0}/s wall clock, {count / cpu.TotalSeconds:N0} per CPU second");
        Assert.Equal((long)count, Count($"SELECT count(*) FROM {HourTable}"));
        // A loose floor for a busy CI box; the measured rate is printed above.
        Assert.True(rate > 10_000, $"{rate:N0} traces/s");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    private SqliteTraceStore Open(TraceSettings? settings = null)
    {
        var chosen = settings ?? Settings;
        return new SqliteTraceStore(_path, () => chosen, NullLogger<SqliteTraceStore>.Instance);
    }

    private long Count(string sql) => Convert.ToInt64(Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static TraceRecord Anomalous(string id, DateTimeOffset at) => new()
    {
        TrackingId = id,
        Status = "complete",
        IncidentId = "INC-7",
        Stages =
        [
            new("ingested", at, "ok"),
            new("detected", at.AddMilliseconds(1), "anomaly"),
            new("enriched", at.AddMilliseconds(2), "degraded", "enrichment failed"),
            new("correlated", at.AddMilliseconds(3), "opened"),
            new("incident", at.AddMilliseconds(4), "opened"),
        ],
    };
}
