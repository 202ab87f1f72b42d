using AiOps.Contracts;
using AiOps.Contracts.Messages;

namespace AiOps.Core.Ingest;

/// <summary>Turns one ingest item into a <see cref="LogMessage"/>, or says which field is wrong.</summary>
public static class LogMessageParser
{
    public static LogMessage Parse(ReadOnlySpan<byte> json, IngestDefaults defaults)
    {
        var reader = new ItemReader(json);
        var common = new CommonFields();
        string? domain = null, service = null, level = null, msg = null, host = null, device = null, meta = null;
        while (reader.NextField())
        {
            if (common.TryRead(ref reader))
            {
                continue;
            }

            if (reader.Is("domain"u8)) domain = reader.String("domain");
            else if (reader.Is("service"u8)) service = reader.String("service");
            else if (reader.Is("level"u8)) level = reader.String("level");
            else if (reader.Is("msg"u8)) msg = reader.String("msg");
            else if (reader.Is("host"u8)) host = reader.String("host");
            else if (reader.Is("device_id"u8)) device = reader.String("device_id");
            else if (reader.Is("meta"u8)) meta = reader.BoundedObject("meta", defaults.Limits);
            else throw reader.Unknown();
        }

        return new LogMessage
        {
            SchemaVersion = SchemaVersion.Current,
            TrackingId = common.TrackingIdOr(defaults),
            Ts = common.Ts ?? defaults.Now,
            ShipId = common.ShipId ?? defaults.ShipId,
            Domain = FieldRules.Domain(FieldRules.Required(domain, "domain")),
            Service = FieldRules.Name(FieldRules.Required(service, "service"), "service"),
            Level = FieldRules.Level(FieldRules.Required(level, "level")),
            Msg = FieldRules.Message(FieldRules.Required(msg, "msg"), defaults.MaxMsgBytes),
            Host = FieldRules.OptionalName(host, "host", 255),
            DeviceId = FieldRules.OptionalName(device, "device_id"),
            Meta = meta,
        };
    }
}
