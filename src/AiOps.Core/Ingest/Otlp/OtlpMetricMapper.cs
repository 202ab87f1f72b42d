using System.Text;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Ingest.Otlp.Proto;
using AiOps.Core.Policy;
using Google.Protobuf.Collections;

namespace AiOps.Core.Ingest.Otlp;

/// <summary>
/// OTLP metric data points to <see cref="MetricSample"/>s. Gauge and sum points become one sample each with their
/// value as sent (a cumulative sum stays its running total, as a Prometheus counter does); histogram, exponential
/// histogram and summary points become <c>{name}_count</c> and <c>{name}_sum</c> samples (the sum's tracking id is the
/// count's with <c>.sum</c>), or are rejected with the
/// reason when ingest.yaml's <c>otlp.histograms</c> is <c>skip</c>. A point with the no-recorded-value flag (a
/// staleness marker) carries no value and is passed over. The attributes are the labels, with the resource's
/// <c>host.name</c>. A point that cannot be taken is reported by its place and the others are kept.
/// </summary>
public static class OtlpMetricMapper
{
    private const uint NoRecordedValue = (uint)DataPointFlags.NoRecordedValueMask;

    public static IngestBatch<MetricSample> Map(ExportMetricsServiceRequest request, IngestDefaults defaults, OtlpIngestSettings settings, int maxItems)
    {
        var total = request.ResourceMetrics.Sum(r => r.ScopeMetrics.Sum(s => s.Metrics.Sum(Points)));
        if (total > maxItems)
        {
            return IngestBatch<MetricSample>.Unreadable($"the request holds {total} data points; at most {maxItems} are taken per request");
        }

        var accepted = new List<MetricSample>(total);
        var errors = new List<IngestItemError>();
        var index = 0;
        for (var r = 0; r < request.ResourceMetrics.Count; r++)
        {
            var (resource, resourceProblem) = OtlpResourceFields.TryFrom(request.ResourceMetrics[r].Resource, settings, defaults);
            var scopes = request.ResourceMetrics[r].ScopeMetrics;
            for (var s = 0; s < scopes.Count; s++)
            {
                for (var m = 0; m < scopes[s].Metrics.Count; m++)
                {
                    var metric = scopes[s].Metrics[m];
                    var points = Points(metric);
                    if (points == 0 && metric.DataCase == Metric.DataOneofCase.None)
                    {
                        // A metric with no data at all is one bad item, not none.
                        errors.Add(new IngestItemError(index++, $"resource_metrics[{r}].scope_metrics[{s}].metrics[{m}]: metric '{metric.Name}' has no gauge, sum, histogram, exponential_histogram or summary"));
                        continue;
                    }

                    for (var p = 0; p < points; p++, index++)
                    {
                        var place = $"resource_metrics[{r}].scope_metrics[{s}].metrics[{m}].{DataName(metric)}.data_points[{p}]";
                        try
                        {
                            accepted.AddRange(Point(metric, p, resource ?? throw new InvalidItemException(resourceProblem!), defaults, settings));
                        }
                        catch (InvalidItemException e)
                        {
                            errors.Add(new IngestItemError(index, $"{place}: {e.Message}"));
                        }
                    }
                }
            }
        }

        return new IngestBatch<MetricSample>(accepted, errors, null);
    }

    private static int Points(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
        _ => 0,
    };

    private static string DataName(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.ExponentialHistogram => "exponential_histogram",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static IEnumerable<MetricSample> Point(Metric metric, int p, OtlpResourceFields resource, IngestDefaults defaults, OtlpIngestSettings settings)
    {
        var name = FieldRules.Metric(FieldRules.Required(string.IsNullOrEmpty(metric.Name) ? null : metric.Name, "name"));
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge or Metric.DataOneofCase.Sum:
                var number = metric.DataCase == Metric.DataOneofCase.Gauge ? metric.Gauge.DataPoints[p] : metric.Sum.DataPoints[p];
                if ((number.Flags & NoRecordedValue) != 0)
                {
                    return [];
                }

                var value = number.ValueCase switch
                {
                    NumberDataPoint.ValueOneofCase.AsDouble => number.AsDouble,
                    NumberDataPoint.ValueOneofCase.AsInt => number.AsInt,
                    _ => throw new InvalidItemException("field 'value' is required (as_double or as_int)"),
                };
                return [Sample(name, value, number.Attributes, number.TimeUnixNano, resource, defaults, settings)];
            case Metric.DataOneofCase.Histogram:
                var h = metric.Histogram.DataPoints[p];
                return Distribution(name, h.Count, h.HasSum ? h.Sum : null, h.Flags, h.Attributes, h.TimeUnixNano, resource, defaults, settings);
            case Metric.DataOneofCase.ExponentialHistogram:
                var e = metric.ExponentialHistogram.DataPoints[p];
                return Distribution(name, e.Count, e.HasSum ? e.Sum : null, e.Flags, e.Attributes, e.TimeUnixNano, resource, defaults, settings);
            default:
                var q = metric.Summary.DataPoints[p];
                return Distribution(name, q.Count, q.Sum, q.Flags, q.Attributes, q.TimeUnixNano, resource, defaults, settings);
        }
    }

    private static IEnumerable<MetricSample> Distribution(string name, ulong count, double? sum, uint flags, RepeatedField<KeyValue> attributes,
        ulong time, OtlpResourceFields resource, IngestDefaults defaults, OtlpIngestSettings settings)
    {
        if (settings.Histograms == OtlpIngestSettings.HistogramsSkip)
        {
            throw new InvalidItemException($"metric '{name}' is a distribution (histogram or summary), which ingest.yaml otlp.histograms: skip does not take");
        }

        if ((flags & NoRecordedValue) != 0)
        {
            return [];
        }

        var counted = Sample(name + "_count", count, attributes, time, resource, defaults, settings);
        var samples = new List<MetricSample> { counted };
        if (sum is { } total)
        {
            // One point, two events: the sum's tracking id is the count's with ".sum", so each stays traceable.
            samples.Add(counted with { Metric = FieldRules.Metric(name + "_sum"), Value = Finite(total), TrackingId = FieldRules.TrackingId(counted.TrackingId + ".sum") });
        }

        return samples;
    }

    private static MetricSample Sample(string name, double value, RepeatedField<KeyValue> attributes, ulong time,
        OtlpResourceFields resource, IngestDefaults defaults, OtlpIngestSettings settings) => new()
    {
        SchemaVersion = SchemaVersion.Current,
        TrackingId = OtlpRecordFields.TrackingId(attributes, settings, defaults),
        Ts = OtlpTime.From(time) ?? defaults.Now,
        ShipId = resource.ShipId,
        Domain = resource.Domain,
        Service = resource.Service,
        Metric = FieldRules.Metric(name),
        Value = Finite(value),
        DeviceId = resource.DeviceId,
        Labels = Labels(attributes, resource, defaults, settings),
    };

    private static double Finite(double value) =>
        double.IsFinite(value) ? value : throw new InvalidItemException("field 'value' must be a finite number");

    /// <summary>The point's attributes (less the tracking id) and the resource's host.name, within ingest.yaml's label limits.</summary>
    private static Dictionary<string, string>? Labels(RepeatedField<KeyValue> attributes, OtlpResourceFields resource, IngestDefaults defaults, OtlpIngestSettings settings)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            if (attribute.Key != settings.TrackingIdAttribute && attribute.Value is { } value && OtlpValues.Text(value) is { } text)
            {
                labels[attribute.Key] = text;
            }
        }

        if (resource.Host is { } host)
        {
            labels.TryAdd(OtlpResourceFields.HostName, host);
        }

        if (labels.Count > defaults.MaxLabels)
        {
            throw new InvalidItemException($"field 'attributes' has {labels.Count} labels, over ingest.yaml metrics.cardinality_limits.max_labels_per_metric {defaults.MaxLabels}");
        }

        foreach (var (key, value) in labels)
        {
            if (Encoding.UTF8.GetByteCount(key) > defaults.Limits.MaxLabelNameBytes)
            {
                throw new InvalidItemException($"field 'attributes' has a name of {Encoding.UTF8.GetByteCount(key)} bytes, over ingest.yaml limits.max_label_name_bytes {defaults.Limits.MaxLabelNameBytes}");
            }

            if (Encoding.UTF8.GetByteCount(value) > defaults.Limits.MaxLabelValueBytes)
            {
                throw new InvalidItemException($"field 'attributes.{ItemReader.Printable(key)}' is {Encoding.UTF8.GetByteCount(value)} bytes, over ingest.yaml limits.max_label_value_bytes {defaults.Limits.MaxLabelValueBytes}");
            }
        }

        return labels.Count == 0 ? null : labels;
    }
}
