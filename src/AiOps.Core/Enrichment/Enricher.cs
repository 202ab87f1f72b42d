using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Detection;
using AiOps.Core.Policy;

namespace AiOps.Core.Enrichment;

/// <summary>
/// Adds the service's context to an anomaly and computes its severity. It never blocks or fails the Fast
/// Path: on any error the anomaly goes on with severity medium and the tag <c>enrichment_error</c>.
/// </summary>
public static class Enricher
{
    public const string ErrorTag = "enrichment_error";

    public static AnomalyEnriched Enrich(AnomalyDetected anomaly, ServiceContext context, MetricSeries? series, SeveritySettings rules, int maxFingerprints)
    {
        try
        {
            var counter = context.CounterFor(Fingerprint.Of(anomaly), maxFingerprints);
            var similar1h = counter.LastHour(anomaly.Ts);
            var similar24h = counter.LastDay(anomaly.Ts);
            counter.Add(anomaly.Ts);
            if (anomaly.TemplateId is not null && context.Similar.TryGetValue(Fingerprint.WithoutTemplate(anomaly), out var past))
            {
                // A service warmed from the analytics store knows its past anomalies by type only (template ids are
                // the service's own numbering, gone with its state), so that past counts for each of its templates.
                similar1h += past.LastHour(anomaly.Ts);
                similar24h += past.LastDay(anomaly.Ts);
            }

            var (p50, p95) = Percentiles(series);
            var enrichedContext = new AnomalyContext
            {
                SimilarCount1h = similar1h,
                SimilarCount24h = similar24h,
                MetricP50 = p50,
                MetricP95 = p95,
                TopErrorRank = context.RankOf(Fingerprint.Of(anomaly), anomaly.Ts),
                LastIncidentTs = context.LastIncidentTs,
                Device = anomaly.DeviceId is { } id && context.Devices.TryGetValue(id, out var device) ? device : null,
            };
            return Enriched(anomaly, enrichedContext, SeverityRules.Compute(anomaly.Score, similar1h, similar24h, rules), []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(anomaly);
        }
    }

    /// <summary>The degraded result when enrichment cannot run.</summary>
    public static AnomalyEnriched Failed(AnomalyDetected anomaly) =>
        Enriched(anomaly, AnomalyContext.Empty, Severity.Medium, [ErrorTag]);

    private static (double?, double?) Percentiles(MetricSeries? series)
    {
        if (series is null || series.WindowCount == 0)
        {
            return (null, null);
        }

        var values = series.WindowValues();
        Array.Sort(values);
        return (RobustStats.SortedQuantile(values, 0.5), RobustStats.SortedQuantile(values, 0.95));
    }

    private static AnomalyEnriched Enriched(AnomalyDetected a, AnomalyContext context, Severity severity, IReadOnlyList<string> tags) => new()
    {
        SchemaVersion = a.SchemaVersion,
        TrackingId = a.TrackingId,
        Ts = a.Ts,
        ShipId = a.ShipId,
        Domain = a.Domain,
        AnomalyType = a.AnomalyType,
        Service = a.Service,
        Score = a.Score,
        Detector = a.Detector,
        DeviceId = a.DeviceId,
        MetricName = a.MetricName,
        MetricValue = a.MetricValue,
        Threshold = a.Threshold,
        RawMsg = a.RawMsg,
        Meta = a.Meta,
        TemplateId = a.TemplateId,
        AlertFingerprint = a.AlertFingerprint,
        Context = context,
        Severity = severity,
        Tags = tags,
    };
}
