using System.Globalization;
using System.Text.Json;

namespace AiOps.Cli.Bench;

/// <summary>
/// Alertmanager API v2 request bodies (JSON arrays of alerts) shaped like <c>aiops load</c>'s events: the same
/// ships, services and devices, one distinct alert per event, built before the clock starts.
/// </summary>
public static class AlertBodies
{
    public static List<byte[]> Build(int events, int batchSize, int ships = 2, int services = 20, int anomalyEvery = 1000)
    {
        var bodies = new List<byte[]>();
        var startsAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var runId = Convert.ToHexStringLower(BitConverter.GetBytes(Environment.TickCount64))[..8];
        var batch = new List<object>(batchSize);
        for (var n = 0; n < events; n++)
        {
            var anomalous = n % anomalyEvery == anomalyEvery - 1;
            batch.Add(new
            {
                labels = new Dictionary<string, string>
                {
                    ["alertname"] = anomalous ? "DatabaseConnectionTimeout" : "HttpRequest",
                    ["tracking_id"] = string.Create(CultureInfo.InvariantCulture, $"bench-{runId}-{n}"),
                    ["ship_id"] = string.Create(CultureInfo.InvariantCulture, $"load-ship-{n % ships}"),
                    ["service"] = string.Create(CultureInfo.InvariantCulture, $"svc-{n / ships % services}"),
                    ["device_id"] = string.Create(CultureInfo.InvariantCulture, $"app-{n % 7}"),
                    ["severity"] = anomalous ? "error" : "info",
                },
                annotations = new Dictionary<string, string>
                {
                    ["summary"] = anomalous ? "Database connection timeout after 30s"
                        : string.Create(CultureInfo.InvariantCulture, $"GET /api/orders/{n % 997} 200 {n % 50 + 3}ms"),
                },
                startsAt,
            });
            if (batch.Count == batchSize || n == events - 1)
            {
                bodies.Add(JsonSerializer.SerializeToUtf8Bytes(batch));
                batch.Clear();
            }
        }

        return bodies;
    }
}
