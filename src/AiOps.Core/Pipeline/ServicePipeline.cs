using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Alerts;
using AiOps.Core.Detection;
using AiOps.Core.Enrichment;

namespace AiOps.Core.Pipeline;

/// <summary>
/// Detection and enrichment of one service's batch: the pure core of the service monitor grain.
/// </summary>
public sealed class ServicePipeline(CompiledDetectPolicy policy, TimeProvider clock)
{
    public ServiceBatchResult Process(TelemetryBatch batch, ServiceMonitorState state)
    {
        var candidates = new List<CorrelationCandidate>();
        var normal = new List<NormalEvent>(batch.Logs.Count + batch.Metrics.Count);
        foreach (var log in batch.Logs)
        {
            if (DeviceLearning.FromLog(log) is { } device && !state.Context.Devices.ContainsKey(device.DeviceId))
            {
                state.Context.Learn(device, policy.Source.Context.MaxDevices);
            }

            var detected = LogTemplateDetector.Detect(log, state.Logs, policy);
            Route(detected, null, log.TrackingId, batch.IngestedAt, state, candidates, normal);
        }

        foreach (var sample in batch.Metrics)
        {
            if (DeviceLearning.FromLabels(sample.DeviceId, sample.Labels) is { } device && !state.Context.Devices.ContainsKey(device.DeviceId))
            {
                state.Context.Learn(device, policy.Source.Context.MaxDevices);
            }

            var series = SeriesFor(sample, state);
            var detected = series is null ? null : MetricDetector.Detect(sample, series, policy);
            Route(detected, series, sample.TrackingId, batch.IngestedAt, state, candidates, normal);
        }

        var alerts = new AlertTracker(state.FiringAlerts, policy.MaxFiringAlerts, state.FiringAlertEnds);
        foreach (var alert in batch.Alerts)
        {
            var detected = AlertDetector.Detect(alert, policy);
            Route(alerts.Observe(alert, detected.IncidentType, clock.GetUtcNow()) ? detected : null, null, alert.TrackingId, batch.IngestedAt, state, candidates, normal);
        }

        if (batch.Alerts.Count > 0)
        {
            alerts.ExpireSilent(clock.GetUtcNow());
        }

        return new ServiceBatchResult(candidates, normal, batch.Count) { ResolvedAlerts = alerts.Resolved, AlertRepeats = alerts.Repeats };
    }

    private void Route(
        DetectedAnomaly? detected,
        MetricSeries? series,
        string trackingId,
        DateTimeOffset ingestedAt,
        ServiceMonitorState state,
        List<CorrelationCandidate> candidates,
        List<NormalEvent> normal)
    {
        var detectedAt = clock.GetUtcNow();
        if (detected is null)
        {
            normal.Add(new NormalEvent(trackingId, detectedAt));
            return;
        }

        var enriched = Enricher.Enrich(detected.Anomaly, state.Context, series, policy.Source.Severity, policy.Source.Context.MaxFingerprints);
        candidates.Add(new CorrelationCandidate
        {
            Anomaly = enriched,
            IncidentType = detected.IncidentType,
            IngestedAt = ingestedAt,
            DetectedAt = detectedAt,
            EnrichedAt = clock.GetUtcNow(),
        });
    }

    private MetricSeries? SeriesFor(MetricSample sample, ServiceMonitorState state)
    {
        var key = SeriesKey(sample);
        if (state.Series.TryGetValue(key, out var series))
        {
            // The detector changes it in place.
            state.Series.Changed(key);
            return series;
        }

        if (state.Series.Count >= policy.MaxSeries)
        {
            state.UntrackedSamples++;
            return null;
        }

        series = new MetricSeries();
        state.Series[key] = series;
        return series;
    }

    private static string SeriesKey(MetricSample sample)
    {
        if (sample.Labels is not { Count: > 0 } labels)
        {
            return $"{sample.Metric}|{sample.DeviceId}";
        }

        var ordered = labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}");
        return $"{sample.Metric}|{sample.DeviceId}|{string.Join(',', ordered)}";
    }
}
