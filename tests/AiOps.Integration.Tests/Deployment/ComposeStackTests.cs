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
[Trait(TestCategory.Name, TestCategory.Deployment)]
public sealed partial class ComposeStackTests
{
    private static readonly ComposeFile Compose = new(RepoPaths.Of("docker-compose.yml"));

    /// <summary>
    /// What a third-party image listens on by its own defaults (from its documentation); flags in the service's
    /// command add to these. The AiOps hosts' and Vector's ports are read from the Dockerfile and vector.toml.
    /// </summary>
    private static readonly Dictionary<string, int[]> ImageDefaultPorts = new()
    {
        ["redis"] = [6379], ["clickhouse/clickhouse-server"] = [8123, 9000], ["nats"] = [4222], ["qdrant/qdrant"] = [6333, 6334],
        ["ollama/ollama"] = [11434], ["victoriametrics/victoria-metrics"] = [8428], ["victoriametrics/vmalert"] = [8880],
        ["prom/alertmanager"] = [9093], ["grafana/grafana"] = [3000], ["node"] = [],
    };

    [Fact]
    public void Published_ports_are_ports_the_service_listens_on()
    {
        var published = Compose.Services.Where(s => s.Value.ContainsKey("ports")).ToList();
        Assert.NotEmpty(published);
        foreach (var (name, service) in published)
        {
            foreach (var mapping in ComposeFile.Scalars(service["ports"]))
            {
                var (port, protocol) = ContainerPort(mapping);
                Assert.True(ListeningPorts(name).Contains((port, protocol)), $"{name} publishes {mapping}, but listens on {string.Join(", ", ListeningPorts(name))}");
            }
        }
    }

    [Fact]
    public void Vector_is_given_the_variables_vector_toml_reads()
    {
        var given = ComposeFile.Merged((YamlMappingNode)Compose.Services["vector"]["environment"]).Keys.ToHashSet();
        var read = VectorConfig.Shipped.EnvironmentRead;

        Assert.All(given, name => Assert.True(read.ContainsKey(name), $"vector is given {name}, which vector.toml never reads"));
        Assert.All(read.Where(r => !r.Value), r => Assert.Contains(r.Key, given));
        Assert.Contains("AIOPS_SHIP_ID", given); // the fleet's events must not all say "ship-local"
    }

    [Fact]
    public void The_hosts_are_given_only_configuration_keys_they_read()
    {
        var hosts = Compose.Services.Where(s => s.Value.ContainsKey("build")).ToList();
        Assert.True(hosts.Count >= 3);
        foreach (var (name, service) in hosts)
        {
            var keys = ComposeFile.Merged((YamlMappingNode)service["environment"]).Keys.ToList();
            Assert.Contains("Nats__Url", keys);
            Assert.All(keys, key => Assert.True(HostConfiguration.Reads(key), $"{name} is given {key}, which the host never reads"));
        }

        Assert.False(HostConfiguration.Reads("AiOps__ShipID__Typo"));
        Assert.False(HostConfiguration.Reads("Nats__Uri"));
    }

    /// <summary>The (port, protocol) pairs a service listens on inside the compose network.</summary>
    private static HashSet<(int Port, string Protocol)> ListeningPorts(string name)
    {
        var service = Compose.Services[name];
        if (service.ContainsKey("build"))
        {
            // An AiOps host: HTTP where the Dockerfile's ASPNETCORE_URLS says, Orleans on its default ports.
            var url = new Uri(AspNetCoreUrls().Match(File.ReadAllText(RepoPaths.Of("Dockerfile"))).Groups["url"].Value.Replace("0.0.0.0", "localhost", StringComparison.Ordinal));
            var orleans = new AiOps.Silo.Hosting.OrleansEndpointOptions();
            return [(url.Port, "tcp"), (orleans.SiloPort, "tcp"), (orleans.GatewayPort, "tcp")];
        }

        var image = ((YamlScalarNode)service["image"]).Value!;
        if (image.StartsWith("timberio/vector:", StringComparison.Ordinal))
        {
            return VectorConfig.Shipped.ListeningPorts.ToHashSet();
        }

        var ports = ImageDefaultPorts[image[..image.LastIndexOf(':')]].Select(p => (p, "tcp")).ToHashSet();
        var command = service.TryGetValue("command", out var c) ? ComposeFile.Scalars(c).ToList() : [];
        var monitor = command.IndexOf("-m"); // nats-server's monitoring port
        if (monitor >= 0)
        {
            ports.Add((int.Parse(command[monitor + 1]), "tcp"));
        }

        return ports;
    }

    private static (int Port, string Protocol) ContainerPort(string mapping)
    {
        var (ports, protocol) = mapping.Split('/') is [var p, var proto] ? (p, proto) : (mapping, "tcp");
        return (int.Parse(ports[(ports.LastIndexOf(':') + 1)..]), protocol);
    }

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
            Assert.True(Compose.Services.ContainsKey(a.Host) && ListeningPorts(a.Host).Contains((a.Port, "tcp")), $"{a.Host}:{a.Port} is no service's port"));
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

    [GeneratedRegex(@"ASPNETCORE_URLS=(?<url>\S+)")]
    private static partial Regex AspNetCoreUrls();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+):\?")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"aiops\.(?<table>[a-z_]+)")]
    private static partial Regex Table();
}
