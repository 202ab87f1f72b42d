namespace AiOps.Core.Ingest;

/// <summary>The fields every message may carry; the host fills in the ones a sender left out.</summary>
internal struct CommonFields
{
    public string? SchemaVersion;
    public string? TrackingId;
    public DateTimeOffset? Ts;
    public string? ShipId;

    /// <summary>Reads the current field if it is a common one.</summary>
    public bool TryRead(ref ItemReader reader)
    {
        if (reader.Is("schema_version"u8))
        {
            SchemaVersion = reader.String("schema_version") is { } v ? FieldRules.SchemaVersion(v) : null;
        }
        else if (reader.Is("tracking_id"u8))
        {
            TrackingId = reader.String("tracking_id") is { } v ? FieldRules.TrackingId(v) : null;
        }
        else if (reader.Is("ts"u8))
        {
            Ts = reader.Timestamp("ts");
        }
        else if (reader.Is("ship_id"u8))
        {
            ShipId = reader.String("ship_id") is { } v ? FieldRules.ShipId(v) : null;
        }
        else
        {
            return false;
        }

        return true;
    }

    public readonly string TrackingIdOr(IngestDefaults defaults) => TrackingId ?? TrackingIds.New(defaults.Now);
}
