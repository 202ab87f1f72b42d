using System.Text;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Alerts;
using AiOps.Core.Ingest;
using AiOps.Core.Journal;
using AiOps.Core.Policy;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Benchmarks;

/// <summary>
/// Cost of one journal entry of 1,000 alerts (the batch <c>aiops bench alertmanager</c> posts), as the journal wrote
/// it with the Orleans serializer and as it writes it now (<see cref="AlertBatchFormat"/>). Every accepted alert
/// pays it on the request path, before its 202.
/// </summary>
[MemoryDiagnoser]
public class JournalEntryBenchmarks
{
    private TelemetryBatch _batch = null!;
    private Serializer<TelemetryBatch> _orleans = null!;

    [GlobalSetup]
    public void Setup()
    {
        var policy = PolicyLoader.Load(PolicyFiles.Directory()).Fleet;
        var defaults = IngestDefaults.From(policy.Ingest, "bench", new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        var alerts = Enumerable.Range(0, 1000).Select(i => AlertmanagerAlertParser.Parse(Encoding.UTF8.GetBytes($$"""
            {"labels":{"alertname":"HighCpuUsage","instance":"node-{{i}}:9100","job":"node-exporter","severity":"critical","ship":"aurora","domain":"system","team":"bridge"},
             "annotations":{"summary":"CPU above 90% for 5 minutes","description":"node-{{i}}:9100 CPU usage is 97.2% (threshold 90%)"},
             "startsAt":"2026-12-05T01:55:30.123Z","endsAt":"2026-12-05T02:04:00Z",
             "generatorURL":"http://prometheus:9090/graph?g0.expr=avg+by+%28instance%29+%28rate%28node_cpu_seconds_total%7Bmode%21%3D%22idle%22%7D%5B5m%5D%29%29+%3E+0.9&g0.tab=1"}
            """), defaults, policy.Ingest.Alerts)).ToList();
        _batch = new TelemetryBatch { IngestedAt = defaults.Now, Alerts = alerts };
        _orleans = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<TelemetryBatch>>();
    }

    [Benchmark(Baseline = true, Description = "1,000 alerts, Orleans serializer")]
    public byte[] Orleans() => _orleans.SerializeToArray(_batch);

    [Benchmark(Description = "1,000 alerts, alert batch format")]
    public byte[] AlertBatch() => AlertBatchFormat.Write(_batch);
}
