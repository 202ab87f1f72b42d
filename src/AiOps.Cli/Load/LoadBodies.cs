using System.Globalization;
using System.Text;

namespace AiOps.Cli.Load;

/// <summary>
/// Builds the NDJSON request bodies before the clock starts, so the run measures the system, not the
/// generator. Most lines are ordinary access logs; every Nth is a database timeout (an anomaly).
/// </summary>
public static class LoadBodies
{
    public static (List<byte[]> Bodies, List<string> AnomalyIds) Build(LoadOptions options, string runId)
    {
        var bodies = new List<byte[]>();
        var anomalies = new List<string>();
        var text = new StringBuilder();
        for (var n = 0; n < options.Events; n++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"load-{runId}-{n}");
            var ship = string.Create(CultureInfo.InvariantCulture, $"load-ship-{n % options.Ships}");
            var service = string.Create(CultureInfo.InvariantCulture, $"svc-{n / options.Ships % options.Services}");
            var anomalous = n % options.AnomalyEvery == options.AnomalyEvery - 1;
            if (anomalous)
            {
                anomalies.Add(id);
            }

            var (level, msg) = anomalous
                ? ("error", "Database connection timeout after 30s")
                : ("info", string.Create(CultureInfo.InvariantCulture, $"GET /api/orders/{n % 997} 200 {n % 50 + 3}ms"));
            text.Append(CultureInfo.InvariantCulture,
                $$"""{"tracking_id":"{{id}}","ship_id":"{{ship}}","domain":"app","service":"{{service}}","level":"{{level}}","msg":"{{msg}}","device_id":"app-{{n % 7}}"}""");
            text.Append('\n');
            if ((n + 1) % options.BatchSize == 0 || n == options.Events - 1)
            {
                bodies.Add(Encoding.UTF8.GetBytes(text.ToString()));
                text.Clear();
            }
        }

        return (bodies, anomalies);
    }
}
