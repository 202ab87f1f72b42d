using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Security;

namespace AiOps.Integration.Tests.Alerts;

/// <summary><c>POST /api/v2/alerts</c> as an Alertmanager client posts it: firing, repeated, resolved; auth; bad input.</summary>
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class AlertmanagerIngestTests
{
    [Fact]
    public async Task A_firing_alert_opens_an_incident_its_repeat_is_recognised_and_its_resolution_resolves_the_incident()
    {
        await using var host = await TestHost.StartAsync();
        var ship = Events.Ship("am");
        var now = DateTimeOffset.UtcNow;
        var firing = Alert(ship, endsAt: now.AddMinutes(4));

        using var first = await host.PostRawAsync("/api/v2/alerts", firing);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var incident = (await host.IncidentsOfShipAsync(ship, 1)).Single();
        Assert.Equal("resource_pressure", incident.GetProperty("incident_type").GetString());
        Assert.Equal("critical", incident.GetProperty("severity").GetString());
        var id = incident.GetProperty("incident_id").GetString();

        using var repeat = await host.PostRawAsync("/api/v2/alerts", firing);
        var repeatId = (await TestHost.GetJsonFromAsync(repeat)).GetProperty("tracking_ids")[0].GetString()!;
        await host.TraceAtStageAsync(repeatId, "detected");
        var afterRepeat = await host.GetJsonAsync($"/api/v3/incidents/{id}");
        Assert.Equal(1, afterRepeat.GetProperty("anomaly_count").GetInt32());
        Assert.Single((await host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}")).GetProperty("data").EnumerateArray());

        using var resolved = await host.PostRawAsync("/api/v2/alerts", Alert(ship, endsAt: now.AddSeconds(-1)));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var closed = await ResolvedAsync(host, id!);
        Assert.Contains(closed.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "alerts_resolved");
        Assert.Contains("aiops_alerts_received", await host.Http.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task An_alert_without_alertname_is_refused_naming_the_field()
    {
        await using var host = await TestHost.StartAsync();

        using var response = await host.PostRawAsync("/api/v2/alerts", """[{"labels":{"severity":"critical"}}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("labels.alertname", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Basic_auth_with_the_key_as_password_is_accepted_and_a_wrong_one_refused()
    {
        var keys = new ApiKeys().Add("prometheus", Roles.Ingest);
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        var body = Alert(Events.Ship("auth"), endsAt: DateTimeOffset.UtcNow.AddMinutes(4));

        var good = await PostWithBasicAsync(host, "prometheus", keys.KeyOf("prometheus"), body);
        var bad = await PostWithBasicAsync(host, "prometheus", "not-the-key", body);

        Assert.Equal(HttpStatusCode.OK, good);
        Assert.Equal(HttpStatusCode.Unauthorized, bad);
    }

    [RequiresToolFact("/usr/bin/prometheus", "prometheus")]
    [Trait(TestNeeds.Name, TestNeeds.Prometheus)]
    public async Task Prometheus_names_AiOps_as_its_Alertmanager_and_its_alert_opens_then_resolves_an_incident()
    {
        var keys = new ApiKeys().Add("prometheus", Roles.Ingest).Add("reader", Roles.Viewer);
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keys.KeyOf("reader"));
        var ship = Events.Ship("prom");
        var folder = Directory.CreateTempSubdirectory("aiops-prom-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yml"), Rules(ship, "vector(1)"));
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), $$"""
            global:
              evaluation_interval: 1s
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - api_version: v2
                  authorization:
                    credentials: {{keys.KeyOf("prometheus")}}
                  static_configs:
                    - targets: ["127.0.0.1:{{host.BaseAddress.Port}}"]
            """);
        await using var prometheus = await ToolServer.StartAsync("/usr/bin/prometheus", port =>
            $"--config.file=prometheus.yml --storage.tsdb.path=data --web.listen-address=127.0.0.1:{port} --web.enable-lifecycle --rules.alert.resend-delay=1s", folder);

        var incident = (await WithOutput(prometheus, () => host.IncidentsOfShipAsync(ship, 1, 60000))).Single();
        Assert.Equal("critical", incident.GetProperty("severity").GetString());
        Assert.Equal("open", incident.GetProperty("status").GetString());

        // The rule stops firing: Prometheus sends the alert again with an endsAt in the past.
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yml"), Rules(ship, "vector(1) < 0"));
        using (var client = new HttpClient())
        {
            (await client.PostAsync($"http://127.0.0.1:{prometheus.Port}/-/reload", null)).EnsureSuccessStatusCode();
        }

        await WithOutput(prometheus, () => ResolvedAsync(host, incident.GetProperty("incident_id").GetString()!, 60000));
        Assert.Single((await host.GetJsonAsync($"/api/v3/incidents?ship_id={ship}")).GetProperty("data").EnumerateArray());
    }

    [RequiresToolFact("/usr/bin/vmalert", "victoria-metrics")]
    [Trait(TestNeeds.Name, TestNeeds.Prometheus)]
    public async Task Vmalert_against_victoria_metrics_sends_its_alert_with_basic_auth_and_resolves_it()
    {
        var keys = new ApiKeys().Add("vmalert", Roles.Ingest).Add("reader", Roles.Viewer);
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keys.KeyOf("reader"));
        var ship = Events.Ship("vma");
        var folder = Directory.CreateTempSubdirectory("aiops-vmalert-").FullName;
        // Fires from the start until a moment well after the incident should exist, then resolves by itself.
        var until = DateTimeOffset.UtcNow.AddSeconds(45).ToUnixTimeSeconds();
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yml"), Rules(ship, $"time() < {until}"));
        await using var victoria = await ToolServer.StartAsync("/usr/bin/victoria-metrics", port =>
            $"-storageDataPath=data -httpListenAddr=127.0.0.1:{port} -retentionPeriod=1d", folder);
        await using var vmalert = await ToolServer.StartAsync("/usr/bin/vmalert", port =>
            $"-rule=rules.yml -datasource.url=http://127.0.0.1:{victoria.Port} -notifier.url=http://127.0.0.1:{host.BaseAddress.Port} "
            + $"-notifier.basicAuth.username=vmalert -notifier.basicAuth.password={keys.KeyOf("vmalert")} -evaluationInterval=1s -httpListenAddr=127.0.0.1:{port}", folder);

        var incident = (await WithOutput(vmalert, () => host.IncidentsOfShipAsync(ship, 1, 60000))).Single();
        Assert.Equal("critical", incident.GetProperty("severity").GetString());

        await WithOutput(vmalert, () => ResolvedAsync(host, incident.GetProperty("incident_id").GetString()!, 90000));
    }

    private static string Alert(string ship, DateTimeOffset endsAt) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object>
        {
            ["labels"] = new Dictionary<string, string>
            {
                ["alertname"] = "DiskAlmostFull", ["ship_id"] = ship, ["service"] = "pms-db", ["instance"] = "db-1:9100",
                ["severity"] = "critical", ["domain"] = "system",
            },
            ["annotations"] = new Dictionary<string, string> { ["summary"] = "disk 98% full" },
            ["startsAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"),
            ["endsAt"] = endsAt.ToString("O"),
            ["generatorURL"] = "http://prometheus.example/graph?g0.expr=disk",
        },
    });

    private static string Rules(string ship, string expr) => $$"""
        groups:
          - name: aiops-test
            interval: 1s
            rules:
              - alert: AiOpsTestAlert
                expr: {{expr}}
                labels:
                  ship_id: {{ship}}
                  service: alert-test
                  severity: critical
                  domain: system
                annotations:
                  summary: a rule written to fire
        """;

    private static async Task<HttpStatusCode> PostWithBasicAsync(TestHost host, string user, string password, string body)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await client.PostAsync("/api/v2/alerts", new StringContent(body, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    private static Task<JsonElement> ResolvedAsync(TestHost host, string incidentId, int timeoutMs = 15000) =>
        TestHost.EventuallyAsync<JsonElement?>(async () =>
        {
            var incident = await host.GetJsonAsync($"/api/v3/incidents/{incidentId}");
            return incident.GetProperty("status").GetString() == "resolved" ? incident : null;
        }, $"incident {incidentId} resolved", timeoutMs).ContinueWith(t => t.Result!.Value);

    /// <summary>Waits, and on a timeout tells what the real sender printed.</summary>
    private static async Task<T> WithOutput<T>(ToolServer server, Func<Task<T>> wait)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the sender printed:\n{server.Output}", e);
        }
    }
}
