using System.Text.Json;
using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so the compose stack is checked for what can go wrong without one: services
/// missing, mounts or build contexts that do not exist, dependencies on services without health checks, and
/// configurations that name a host or port no service has.
/// </summary>
public sealed partial class ComposeStackTests
{
    private static readonly ComposeFile Compose = new(RepoPaths.Of("docker-compose.yml"));

    /// <summary>The ports each service listens on inside the compose network.</summary>
    private static readonly Dictionary<string, int[]> Ports = new()
    {
        ["redis"] = [6379], ["clickhouse"] = [8123, 9000], ["nats"] = [4222, 8222], ["qdrant"] = [6333, 6334],
        ["ollama"] = [11434], ["aiops-silo-1"] = [8080], ["aiops-silo-2"] = [8080], ["aiops-api"] = [8080],
        ["victoriametrics"] = [8428], ["vmalert"] = [8880], ["alertmanager"] = [9093], ["grafana"] = [3000], ["vector"] = [514],
    };

    [Fact]
    public void Every_service_of_the_fleet_stack_is_there()
    {
        string[] required = ["redis", "clickhouse", "nats", "qdrant", "ollama", "ollama-init", "vector", "victoriametrics", "vmalert", "alertmanager", "grafana", "aiops-api"];
        Assert.All(required, name => Assert.Contains(name, Compose.Services.Keys));
        Assert.True(Compose.Services.Keys.Count(k => k.StartsWith("aiops-silo-", StringComparison.Ordinal)) >= 2, "at least two silos");
        Assert.Contains("api", ComposeFile.Scalars(Compose.Services["aiops-api"]["environment"]));
        Assert.Contains("phi3:mini", string.Join(' ', ComposeFile.Scalars(Compose.Services["ollama-init"]["entrypoint"])));
    }

    [Fact]
    public void Grafana_loads_the_operations_console_built_from_the_repository()
    {
        var pluginId = JsonDocument.Parse(File.ReadAllText(RepoPaths.Of("grafana-plugin", "src", "plugin.json"))).RootElement.GetProperty("id").GetString()!;
        var grafana = Compose.Services["grafana"];
        var build = Compose.Services["grafana-plugin-build"];

        Assert.Contains("./grafana-plugin:/src:ro", ComposeFile.Scalars(build["volumes"]));
        Assert.Contains("npm run build", string.Join(' ', ComposeFile.Scalars(build["entrypoint"])));
        Assert.Contains($"grafana-plugin-dist:/var/lib/grafana/plugins/{pluginId}:ro", ComposeFile.Scalars(grafana["volumes"]));
        Assert.Equal(pluginId, ComposeFile.Merged((YamlMappingNode)grafana["environment"])["GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS"].ToString());
        Assert.Contains($"type: {pluginId}", File.ReadAllText(RepoPaths.Of("deploy/grafana/provisioning/plugins/aiops.yml")));
    }

    [Fact]
    public void Everything_mounted_or_built_exists()
    {
        foreach (var (name, service) in Compose.Services)
        {
            if (service.TryGetValue("build", out var build))
            {
                var context = ((YamlScalarNode)((YamlMappingNode)build)["context"]).Value!;
                var dockerfile = ((YamlScalarNode)((YamlMappingNode)build)["dockerfile"]).Value!;
                Assert.True(File.Exists(RepoPaths.Of(context, dockerfile)), $"{name}: build {context}/{dockerfile}");
            }

            foreach (var mount in service.TryGetValue("volumes", out var volumes) ? ComposeFile.Scalars(volumes) : [])
            {
                var source = mount.Split(':')[0];
                if (source.StartsWith("./", StringComparison.Ordinal))
                {
                    Assert.True(File.Exists(RepoPaths.Of(source[2..])) || Directory.Exists(RepoPaths.Of(source[2..])), $"{name}: mount {source}");
                }
            }
        }
    }

    [Fact]
    public void Dependencies_exist_and_wait_on_health_checks_that_exist()
    {
        foreach (var (name, service) in Compose.Services.Where(s => s.Value.ContainsKey("depends_on")))
        {
            foreach (var (dependency, condition) in ComposeFile.Merged((YamlMappingNode)service["depends_on"]))
            {
                Assert.True(Compose.Services.ContainsKey(dependency), $"{name} depends on unknown {dependency}");
                var wanted = ((YamlScalarNode)((YamlMappingNode)condition)["condition"]).Value;
                if (wanted == "service_healthy")
                {
                    Assert.True(Compose.Services[dependency].ContainsKey("healthcheck"), $"{name} waits for {dependency}'s health, which has no check");
                }
            }
        }
    }

    [Fact]
    public void Every_address_in_the_configs_names_a_service_and_one_of_its_ports()
    {
        // Image tags ("grafana/grafana:11.3.0") look like host:port and are not addresses.
        var texts = Compose.Services.Values.SelectMany(s => s.Where(e => e.Key != "image").SelectMany(e => ComposeFile.Scalars(e.Value)))
            .Concat(new[]
            {
                "deploy/victoriametrics/scrape.yml", "deploy/grafana/provisioning/datasources/aiops.yml", "deploy/vector/vector.toml",
                "deploy/grafana/provisioning/plugins/aiops.yml",
            }.Select(f => File.ReadAllText(RepoPaths.Of(f))));
        var addresses = texts.SelectMany(t => HostPort().Matches(t)).Select(m => (Host: m.Groups["host"].Value, Port: int.Parse(m.Groups["port"].Value))).Distinct().ToList();

        Assert.NotEmpty(addresses);
        Assert.All(addresses.Where(a => a.Host is not ("127.0.0.1" or "localhost")), a =>
            Assert.True(Ports.TryGetValue(a.Host, out var ports) && ports.Contains(a.Port), $"{a.Host}:{a.Port} is no service's port"));
        var scraped = HostPort().Matches(File.ReadAllText(RepoPaths.Of("deploy/victoriametrics/scrape.yml"))).Select(m => m.Groups["host"].Value).ToHashSet();
        Assert.All(Compose.Services.Keys.Where(k => k.StartsWith("aiops-", StringComparison.Ordinal)), silo => Assert.Contains(silo, scraped));
    }

    [Fact]
    public void The_env_example_names_every_variable_the_stack_requires()
    {
        var example = File.ReadAllText(RepoPaths.Of("deploy", "compose.env.example"));
        var required = RequiredVariable().Matches(File.ReadAllText(RepoPaths.Of("docker-compose.yml"))).Select(m => m.Groups["name"].Value).Distinct().ToList();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains($"\n{name}=", "\n" + example));
    }

    [Fact]
    public void Dashboards_use_provisioned_data_sources_and_tables_that_exist()
    {
        var datasources = File.ReadAllText(RepoPaths.Of("deploy/grafana/provisioning/datasources/aiops.yml"));
        var ddl = File.ReadAllText(RepoPaths.Of("deploy/clickhouse/init.sql"));
        var dashboards = Directory.GetFiles(RepoPaths.Of("deploy/grafana/dashboards"), "*.json");
        Assert.True(dashboards.Length >= 2);
        foreach (var file in dashboards)
        {
            var panels = JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("panels").EnumerateArray().ToList();
            Assert.NotEmpty(panels);
            foreach (var panel in panels)
            {
                var uid = panel.GetProperty("datasource").GetProperty("uid").GetString();
                Assert.Contains($"uid: {uid}", datasources);
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    if (target.TryGetProperty("rawSql", out var sql))
                    {
                        Assert.All(Table().Matches(sql.GetString()!).Select(m => m.Groups["table"].Value),
                            table => Assert.Contains($"CREATE TABLE IF NOT EXISTS aiops.{table}", ddl));
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"(?:https?://|nats://|\b)(?<host>[a-z][a-z0-9-]*[a-z0-9]|127\.0\.0\.1):(?<port>\d{2,5})\b")]
    private static partial Regex HostPort();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+):\?")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"aiops\.(?<table>[a-z_]+)")]
    private static partial Regex Table();
}
