using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Scenarios;

/// <summary>
/// Forty minutes of two ships' telemetry: a VSAT link loss on the first (logs and metrics), repeated database
/// timeouts on the second, authentication failures on both, and routine noise throughout.
/// </summary>
internal static class ShipScenario
{
    public static (List<object> Logs, List<object> Metrics) Build(string star, string sky, DateTimeOffset start)
    {
        var logs = new List<object>();
        var metrics = new List<object>();
        foreach (var ship in new[] { star, sky })
        {
            AddNoise(ship, start, logs, metrics);
        }

        // VSAT link loss on the first ship at +20 min: SNR collapses, loss rises, the modem logs it.
        var outage = start.AddMinutes(20);
        for (var s = 0; s < 240; s += 10)
        {
            metrics.Add(Events.Metric(star, "comms", "vsat-modem", "rf_snr_db", s < 30 ? 13.5 : 2.0, outage.AddSeconds(s), "vsat-001"));
            metrics.Add(Events.Metric(star, "comms", "vsat-modem", "packet_loss_pct", s < 30 ? 0.2 : 35, outage.AddSeconds(s), "vsat-001"));
        }

        logs.Add(Events.Log(star, "comms", "vsat-modem", "warn", "RF signal degraded on beam 3", ts: outage.AddSeconds(20), device: "vsat-001"));
        foreach (var second in new[] { 35, 95, 155 })
        {
            logs.Add(Events.Log(star, "comms", "vsat-modem", "error", "Carrier lost on beam 3", ts: outage.AddSeconds(second), device: "vsat-001"));
        }

        // Database timeouts with repeats on the second ship at +10 min.
        for (var i = 0; i < 8; i++)
        {
            logs.Add(Events.Log(sky, "app", "pms-db", "error", "Database connection timeout after 30s", ts: start.AddMinutes(10).AddSeconds(i * 30), device: "db-01"));
        }

        // Authentication failures on both ships.
        for (var i = 0; i < 5; i++)
        {
            logs.Add(Events.Log(star, "security", "sshd", "warn", $"Failed password for root from 203.0.113.{i + 5} port 22", ts: start.AddMinutes(30).AddSeconds(i * 20), device: "bastion-1"));
        }

        for (var i = 0; i < 3; i++)
        {
            logs.Add(Events.Log(sky, "security", "crew-portal", "warn", "Authentication failed for user admin", ts: start.AddMinutes(5).AddSeconds(i * 15), device: "portal-1"));
        }

        return (logs, metrics);
    }

    private static void AddNoise(string ship, DateTimeOffset start, List<object> logs, List<object> metrics)
    {
        var random = new Random(ship.Length);
        string[] routine =
        [
            "Health check OK", "Heartbeat received", "Status: OK", "Connection established to 10.1.0.4",
            "GET /api/cabins/112 200 14ms", "Configuration loaded from /etc/pms.yaml", "user crew12 logged in",
        ];
        for (var minute = 0; minute < 40; minute++)
        {
            foreach (var (service, domain) in new[] { ("pms-app", "app"), ("wifi-controller", "net"), ("host-agent", "system") })
            {
                logs.Add(Events.Log(ship, domain, service, minute % 7 == 0 ? "debug" : "info", routine[random.Next(routine.Length)], ts: start.AddMinutes(minute)));
            }

            logs.Add(Events.Log(ship, "app", "pms-app", "warn", "Health check slow: 1200ms", ts: start.AddMinutes(minute).AddSeconds(30)));
            for (var s = 0; s < 60; s += 15)
            {
                var ts = start.AddMinutes(minute).AddSeconds(s);
                var blip = minute == 25 && s == 0 ? 1.5 : 0; // a few percent: noise to an operator
                metrics.Add(Events.Metric(ship, "system", "host-agent", "cpu_pct", 24 + random.NextDouble() + blip, ts, "host-1"));
                metrics.Add(Events.Metric(ship, "system", "host-agent", "mem_pct", 45 + random.NextDouble() * 0.5, ts, "host-1"));
            }
        }
    }
}
