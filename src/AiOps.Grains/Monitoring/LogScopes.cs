using Microsoft.Extensions.Logging;

namespace AiOps.Grains.Monitoring;

/// <summary>Logging scopes that put the ids an operator searches by on every line of a stage.</summary>
public static class LogScopes
{
    public static IDisposable? ForEvent(ILogger logger, string trackingId, string shipId, string? incidentId = null) =>
        logger.BeginScope(incidentId is null
            ? new IdScope([new("tracking_id", trackingId), new("ship_id", shipId)])
            : new IdScope([new("tracking_id", trackingId), new("ship_id", shipId), new("incident_id", incidentId)]));

    public static IDisposable? ForIncident(ILogger logger, string incidentId, string shipId) =>
        logger.BeginScope(new IdScope([new("incident_id", incidentId), new("ship_id", shipId)]));

    /// <summary>Key/value pairs that the JSON console writes as fields, and a readable text for plain consoles.</summary>
    private sealed class IdScope(KeyValuePair<string, object?>[] ids) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => ids.Length;

        public KeyValuePair<string, object?> this[int index] => ids[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)ids).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(' ', ids.Select(id => $"{id.Key}={id.Value}"));
    }
}
