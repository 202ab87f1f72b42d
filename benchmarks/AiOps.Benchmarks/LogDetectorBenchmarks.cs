using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Detection;
using AiOps.Core.Policy;
using BenchmarkDotNet.Attributes;

namespace AiOps.Benchmarks;

/// <summary>
/// Cost per line of the log detector's policy rules (routine lines, then the detect policy's patterns in order)
/// with the shipped policy, over a mix like a ship's traffic: mostly ordinary info lines that match nothing, some
/// routine ones and a few that a pattern classifies.
/// </summary>
[MemoryDiagnoser]
public class LogDetectorBenchmarks
{
    public const int Lines = 10_000;

    private readonly LogMessage[] _lines = new LogMessage[Lines];
    private CompiledDetectPolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fleet = PolicyLoader.Load(PolicyFiles.Directory()).Fleet;
        _policy = new CompiledDetectPolicy(fleet.Detect, fleet.Ingest);
        var random = new Random(7);
        string[] ordinary =
        [
            "GET /api/orders/{0} 200 {1}ms",
            "user {0} opened cabin booking {1}",
            "synced {0} records from shore in {1} ms",
            "cache refreshed: {0} entries, {1} evicted",
            "POS terminal {0} printed receipt {1}",
        ];
        string[] routine = ["health check ok after {0} ms", "heartbeat {0} from node {1}"];
        string[] classified = ["Carrier lost on beam {0}", "Database connection timeout after {0}s", "disk full on /var/{0}"];
        for (var i = 0; i < Lines; i++)
        {
            var roll = random.Next(100);
            var (shapes, level) = roll < 90 ? (ordinary, MessageLevel.Info) : roll < 97 ? (routine, MessageLevel.Info) : (classified, MessageLevel.Error);
            _lines[i] = new LogMessage
            {
                TrackingId = $"bench-{i}",
                Ts = DateTimeOffset.UnixEpoch,
                ShipId = "ship-1",
                Domain = Domain.App,
                Service = "pms",
                Level = level,
                Msg = string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes[random.Next(shapes.Length)], random.Next(10_000), random.Next(1_000)),
            };
        }
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int Detect()
    {
        var anomalies = 0;
        foreach (var line in _lines)
        {
            if (LogDetector.Detect(line, _policy) is not null)
            {
                anomalies++;
            }
        }

        return anomalies;
    }
}
