using System.Buffers;
using AiOps.Core.Alerts;
using AiOps.Core.Correlation;
using AiOps.Core.Incidents;
using AiOps.Core.Pipeline;
using AiOps.Core.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Benchmarks;

/// <summary>
/// Cost of writing the snapshot of a service in an alert storm (10,000 firing alerts, 20,000 delivered ids), of a
/// correlation key (20,000 fingerprints, firing alerts and correlated ids) and of the incident the storm joins (10,000
/// firing alerts and member alerts, 20,000 applied ids): their large parts as the Orleans
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
    private IncidentState _incident = null!;
    private IncidentShapeBeforeCompact _incidentBefore = null!;

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
        _incident = new IncidentState();
        _incidentBefore = new IncidentShapeBeforeCompact();
        for (var i = 0; i < 20_000; i++)
        {
            var fingerprint = i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            var trackingId = $"bench-1a2b3c4d-{i}";
            if (i < 10_000)
            {
                var alert = new FiringAlert { IncidentType = "app_degradation", LastSeen = now.AddMilliseconds(i) };
                _service.FiringAlerts[fingerprint] = alert;
                _serviceBefore.FiringAlerts[fingerprint] = alert;
                _incident.FiringAlerts.Add(fingerprint);
                _incidentBefore.FiringAlerts.Add(fingerprint);
                _incident.MemberAlerts[trackingId] = fingerprint;
                _incidentBefore.MemberAlerts[trackingId] = fingerprint;
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
            _incident.Applied.Add(trackingId, 20_000);
            _incidentBefore.Applied.Add(trackingId, 20_000);
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

    [Benchmark(Description = "incident snapshot, Orleans serializer")]
    public int IncidentBefore() => Write(_incidentBefore);

    [Benchmark(Description = "incident snapshot, compact")]
    public int Incident() => Write(_incident);

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

/// <summary>An incident's storm-sized fields as the Orleans serializer wrote them before the compact format (applied ids were compact already).</summary>
[GenerateSerializer, Alias("aiops.benchmarks.incident-shape-before-compact")]
public sealed class IncidentShapeBeforeCompact
{
    [Id(27)] public RecentIds Applied { get; set; } = new();
    [Id(34)] public List<string> FiringAlerts { get; set; } = [];
    [Id(38)] public Dictionary<string, string> MemberAlerts { get; set; } = new(StringComparer.Ordinal);
}
