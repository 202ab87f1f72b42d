using AiOps.Contracts;
using AiOps.Contracts.Messages;

namespace AiOps.Core.Ingest;

/// <summary>Turns one ingest item into a <see cref="MetricSample"/>, or says which field is wrong.</summary>
public static class MetricSampleParser
{
    public static MetricSample Parse(ReadOnlySpan<byte> json, IngestDefaults defaults)
    {
        var reader = new ItemReader(json);
        var common = new CommonFields();
        string? domain = null, service = null, metric = null, device = null;
        double? value = null;
        Dictionary<string, string>? labels = null;
        while (reader.NextField())
        {
            if (common.TryRead(ref reader))
            {
                continue;
            }

            if (reader.Is("domain"u8)) domain = reader.String("domain");
            else if (reader.Is("service"u8)) service = reader.String("service");
            else if (reader.Is("metric"u8)) metric = reader.String("metric");
            else if (reader.Is("value"u8)) value = reader.Number("value");
            else if (reader.Is("device_id"u8)) device = reader.String("device_id");
            else if (reader.Is("labels"u8)) labels = reader.StringMap("labels", defaults.MaxLabels, defaults.Limits);
            else throw reader.Unknown();
        }

        return new MetricSample
        {
            SchemaVersion = SchemaVersion.Current,
            TrackingId = common.TrackingIdOr(defaults),
            Ts = common.Ts ?? defaults.Now,
            ShipId = common.ShipId ?? defaults.ShipId,
            Domain = FieldRules.Domain(FieldRules.Required(domain, "domain")),
            Service = FieldRules.Name(FieldRules.Required(service, "service"), "service"),
            Metric = FieldRules.Metric(FieldRules.Required(metric, "metric")),
            Value = FieldRules.Required(value, "value"),
            DeviceId = FieldRules.OptionalName(device, "device_id"),
            Labels = labels,
        };
    }
}
