using System.Buffers;
using AiOps.Core.Alerts;
using AiOps.Core.Correlation;
using AiOps.Core.Pipeline;
using AiOps.Core.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Benchmarks;

/// <summary>
/// Cost of writing the snapshot of a service in an alert storm (10,000 firing alerts, 20,000 delivered ids) and of a
/// correlation key (20,000 fingerprints, firing alerts and correlated ids): their large parts as the Orleans
/// serializer wrote them (the same fields, in shapes of their own here) and in the compact format the states use now.
/// </summary>
[MemoryDiagnoser]
public class StateSnapshotBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4 * 1024 * 1024);
    private Serializer _serializer = null!;
    private ServiceMonitorState _service = null!;
    private ServiceShapeBeforeCompact _serviceBefore = null!;
    private CorrelationState _correlation = null!;
    private CorrelationShapeBeforeCompact _correlationBefore = null!;

    [GlobalSetup]
    public void Setup()
    {
        _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var now = new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero);
        var incident = "INC-20261207-160000-1d6fbe2a";
        _service = new ServiceMonitorState();
        _serviceBefore = new ServiceShapeBeforeCompact();
        _correlation = new CorrelationState();
        _correlationBefore = new CorrelationShapeBeforeCompact();
        for (var i = 0; i < 20_000; i++)
        {
            var fingerprint = i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            var trackingId = $"bench-1a2b3c4d-{i}";
            if (i < 10_000)
            {
                var alert = new FiringAlert { IncidentType = "app_degradation", LastSeen = now.AddMilliseconds(i) };
                _service.FiringAlerts[fingerprint] = alert;
                _serviceBefore.FiringAlerts[fingerprint] = alert;
            }

            _service.Delivered.Add(trackingId, 20_000);
            _serviceBefore.Delivered.Order.Add(trackingId);
            var seen = new SeenFingerprint { LastTs = now.AddMilliseconds(i), IncidentId = incident };
            _correlation.Fingerprints[fingerprint] = seen;
            _correlationBefore.Fingerprints[fingerprint] = seen;
            _correlation.AlertIncidents[fingerprint] = incident;
            _correlationBefore.AlertIncidents[fingerprint] = incident;
            _correlation.Correlated.Add(trackingId, 20_000);
            _correlationBefore.Correlated.Order.Add(trackingId);
        }
    }

    [Benchmark(Baseline = true, Description = "service snapshot, Orleans serializer")]
    public int ServiceBefore() => Write(_serviceBefore);

    [Benchmark(Description = "service snapshot, compact")]
    public int Service() => Write(_service);

    [Benchmark(Description = "correlation snapshot, Orleans serializer")]
    public int CorrelationBefore() => Write(_correlationBefore);

    [Benchmark(Description = "correlation snapshot, compact")]
    public int Correlation() => Write(_correlation);

    private int Write<T>(T state)
    {
        _output.ResetWrittenCount();
        _serializer.Serialize(state, _output);
        return _output.WrittenCount;
    }
}

[GenerateSerializer, Alias("aiops.benchmarks.service-shape-before-compact")]
public sealed class ServiceShapeBeforeCompact
{
    [Id(3)] public RecentIdsShapeBeforeCompact Delivered { get; set; } = new();
    [Id(8)] public TrackedMap<FiringAlert> FiringAlerts { get; set; } = new();
}

[GenerateSerializer, Alias("aiops.benchmarks.correlation-shape-before-compact")]
public sealed class CorrelationShapeBeforeCompact
{
    [Id(5)] public RecentIdsShapeBeforeCompact Correlated { get; set; } = new();
    [Id(9)] public TrackedMap<SeenFingerprint> Fingerprints { get; set; } = new();
    [Id(10)] public TrackedMap<string> AlertIncidents { get; set; } = new();
}

[GenerateSerializer, Alias("aiops.benchmarks.recent-ids-shape-before-compact")]
public sealed class RecentIdsShapeBeforeCompact
{
    [Id(0)] public List<string> Order { get; set; } = [];
}
