using AiOps.Contracts.Messages;
using AiOps.Core.Alerts;
using AiOps.Core.Ingest;
using AiOps.Core.Policy;
using BenchmarkDotNet.Attributes;

namespace AiOps.Benchmarks;

/// <summary>
/// Cost per alert of <c>POST /api/v2/alerts</c>'s parser on the shipped policies/ingest.yaml: one alert as
/// Prometheus sends it (seven labels, two annotations, both times, a generator URL) into an <see cref="AlertMessage"/>.
/// An alert storm brings thousands a second.
/// </summary>
[MemoryDiagnoser]
public class AlertmanagerAlertParserBenchmarks
{
    private static readonly byte[] Alert = """
        {"labels":{"alertname":"HighCpuUsage","instance":"node-3:9100","job":"node-exporter","severity":"critical","ship":"aurora","domain":"system","team":"bridge"},
         "annotations":{"summary":"CPU above 90% for 5 minutes","description":"node-3:9100 CPU usage is 97.2% (threshold 90%)"},
         "startsAt":"2026-12-05T01:55:30.123Z","endsAt":"2026-12-05T02:04:00Z",
         "generatorURL":"http://prometheus:9090/graph?g0.expr=avg+by+%28instance%29+%28rate%28node_cpu_seconds_total%7Bmode%21%3D%22idle%22%7D%5B5m%5D%29%29+%3E+0.9&g0.tab=1"}
        """u8.ToArray();

    private IngestDefaults _defaults = null!;
    private AlertIngestSettings _settings = null!;

    [GlobalSetup]
    public void Setup()
    {
        var policy = PolicyLoader.Load(PolicyFiles.Directory()).Fleet;
        _defaults = IngestDefaults.From(policy.Ingest, "bench", new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        _settings = policy.Ingest.Alerts;
    }

    [Benchmark(Description = "Alertmanager alert parser, per alert")]
    public AlertMessage ParseOneAlert() => AlertmanagerAlertParser.Parse(Alert, _defaults, _settings);
}
