using AiOps.Contracts;
using AiOps.Core.Ingest.Otlp.Proto;
using AiOps.Core.Policy;

namespace AiOps.Core.Ingest.Otlp;

/// <summary>What an OTLP resource says about where its records come from, in AiOps terms.</summary>
internal sealed record OtlpResourceFields(string ShipId, string Service, Domain Domain, string? Host, string? DeviceId)
{
    public const string ServiceName = "service.name";
    public const string HostName = "host.name";
    public const string DeviceIdName = "device.id";

    /// <summary>Reads the resource's attributes, or says which one is unusable (every record under it is then rejected).</summary>
    public static OtlpResourceFields From(Resource? resource, OtlpIngestSettings settings, IngestDefaults defaults)
    {
        var attributes = resource?.Attributes ?? [];
        var ship = Text(attributes, settings.ShipAttribute);
        var domain = Text(attributes, settings.DomainAttribute);
        return new OtlpResourceFields(
            ship is null ? defaults.ShipId : Named(settings.ShipAttribute, () => FieldRules.ShipId(ship)),
            Named(ServiceName, () => FieldRules.Name(Text(attributes, ServiceName) ?? settings.DefaultService, "service")),
            Named(settings.DomainAttribute, () => FieldRules.Domain(domain ?? settings.DefaultDomain)),
            Named(HostName, () => FieldRules.OptionalName(Text(attributes, HostName), "host", 255)),
            Named(DeviceIdName, () => FieldRules.OptionalName(Text(attributes, DeviceIdName), "device_id")));
    }

    /// <summary>Reads a resource once for all of its records: its fields, or why none of its records can be taken.</summary>
    public static (OtlpResourceFields? Fields, string? Problem) TryFrom(Resource? resource, OtlpIngestSettings settings, IngestDefaults defaults)
    {
        try
        {
            return (From(resource, settings, defaults), null);
        }
        catch (InvalidItemException e)
        {
            return (null, e.Message);
        }
    }

    private static string? Text(IEnumerable<KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(a => a.Key == key)?.Value is { } value ? OtlpValues.Text(value) : null;

    private static T Named<T>(string attribute, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidItemException e)
        {
            throw new InvalidItemException($"resource attribute '{attribute}': {e.Message}");
        }
    }
}
