using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>
/// No cluster runs here, so deploy/k8s is checked for what can go wrong without one: variables the host never
/// reads, Secrets and ConfigMaps that do not exist, probes on the wrong path or port, pods Orleans' Kubernetes
/// hosting would not recognise, permissions it lacks, containers that run as root.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Deployment)]
public sealed partial class KubernetesManifestTests
{
    private static readonly List<YamlMappingNode> Documents = Directory.GetFiles(RepoPaths.Of("deploy", "k8s"), "*.yaml").Order()
        .SelectMany(file =>
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
        }).ToList();

    /// <summary>The variables Orleans' Kubernetes hosting reads (the downward API's pod name, namespace and IP).</summary>
    private static readonly string[] PodVariables =
        [KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable, KubernetesHostingOptions.PodIPEnvironmentVariable];

    [Fact]
    public void Every_variable_the_pods_get_is_a_configuration_key_the_host_reads()
    {
        var configMap = ConfigMap("aiops-config");
        Assert.Contains("ConnectionStrings__redis", configMap.Keys);
        Assert.Contains("Nats__Url", configMap.Keys);
        Assert.All(configMap.Keys, key => Assert.True(HostConfiguration.Reads(key), $"ConfigMap key {key} is not read by the host"));
        foreach (var (name, container) in Containers())
        {
            foreach (var variable in Env(container).Keys.Where(v => !PodVariables.Contains(v)))
            {
                Assert.True(HostConfiguration.Reads(variable), $"{name} sets {variable}, which the host never reads");
            }
        }
    }

    [Fact]
    public void Keys_come_from_a_secret_that_has_them_and_every_reference_resolves()
    {
        var secret = Secret("aiops-keys");
        foreach (var (name, container) in Containers())
        {
            var env = Env(container);
            var hashes = env.Where(e => e.Key.EndsWith("__Hash", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(hashes);
            Assert.All(hashes, hash =>
            {
                var reference = (YamlMappingNode)((YamlMappingNode)hash.Value["valueFrom"])["secretKeyRef"];
                Assert.Equal("aiops-keys", Scalar(reference, "name"));
                Assert.Contains(Scalar(reference, "key"), secret.Keys);
            });
            Assert.All(((YamlSequenceNode)container["envFrom"]).Cast<YamlMappingNode>(),
                source => Assert.NotNull(ConfigMap(Scalar((YamlMappingNode)source["configMapRef"], "name"))));
        }
    }

    [Fact]
    public void Probes_ask_the_health_endpoints_on_the_port_the_host_listens_on()
    {
        var listening = int.Parse(Regex.Match(File.ReadAllText(RepoPaths.Of("Dockerfile")), @"ASPNETCORE_URLS=http://0\.0\.0\.0:(?<port>\d+)").Groups["port"].Value);
        foreach (var (name, container) in Containers())
        {
            var ports = ((YamlSequenceNode)container["ports"]).Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => int.Parse(Scalar(p, "containerPort")));
            foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("startupProbe", "/health/ready"), ("livenessProbe", "/health") })
            {
                var get = (YamlMappingNode)((YamlMappingNode)container[probe])["httpGet"];
                Assert.Equal(path, Scalar(get, "path"));
                Assert.Equal(listening, ports[Scalar(get, "port")]);
            }
        }
    }

    [Fact]
    public void Silos_are_found_by_orleans_kubernetes_hosting_and_may_replace_dead_pods()
    {
        var silo = Deployment("aiops-silo");
        var template = (YamlMappingNode)((YamlMappingNode)silo["spec"])["template"];
        var labels = (YamlMappingNode)((YamlMappingNode)template["metadata"])["labels"];
        var config = ConfigMap("aiops-config");
        Assert.Equal(config["Orleans__ClusterId"], Scalar(labels, KubernetesHostingOptions.ClusterIdLabel));
        Assert.Equal(config["Orleans__ServiceId"], Scalar(labels, KubernetesHostingOptions.ServiceIdLabel));

        var container = Containers().Single(c => c.Deployment == "aiops-silo").Container;
        var env = Env(container);
        Assert.Equal("true", Scalar(env["AiOps__KubernetesHosting"], "value"));
        Assert.Equal("metadata.name", FieldRef(env[KubernetesHostingOptions.PodNameEnvironmentVariable]));
        Assert.Equal("metadata.namespace", FieldRef(env[KubernetesHostingOptions.PodNamespaceEnvironmentVariable]));
        Assert.Equal("status.podIP", FieldRef(env[KubernetesHostingOptions.PodIPEnvironmentVariable]));

        // The service account may watch and delete the pods of its namespace.
        var account = Scalar((YamlMappingNode)template["spec"], "serviceAccountName");
        var binding = Documents.Single(d => Kind(d) == "RoleBinding" && ((YamlSequenceNode)d["subjects"]).Cast<YamlMappingNode>().Any(s => Scalar(s, "name") == account));
        var role = Documents.Single(d => Kind(d) == "Role" && Name(d) == Scalar((YamlMappingNode)binding["roleRef"], "name"));
        var rule = ((YamlSequenceNode)role["rules"]).Cast<YamlMappingNode>().Single(r => ComposeFile.Scalars(r["resources"]).Contains("pods"));
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, ComposeFile.Scalars(rule["verbs"]).ToHashSet());

        Assert.Equal("api", Scalar(Env(Containers().Single(c => c.Deployment == "aiops-api").Container)["AiOps__Role"], "value"));
    }

    [Fact]
    public void Pods_run_as_a_user_who_is_not_root_without_privileges()
    {
        foreach (var (name, container) in Containers())
        {
            var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Deployment(name)["spec"])["template"])["spec"];
            var podSecurity = (YamlMappingNode)pod["securityContext"];
            Assert.Equal("true", Scalar(podSecurity, "runAsNonRoot"));
            Assert.NotEqual("0", Scalar(podSecurity, "runAsUser"));
            var security = (YamlMappingNode)container["securityContext"];
            Assert.Equal("false", Scalar(security, "allowPrivilegeEscalation"));
            Assert.Contains("ALL", ComposeFile.Scalars(((YamlMappingNode)security["capabilities"])["drop"]));
        }
    }

    private static IEnumerable<(string Deployment, YamlMappingNode Container)> Containers()
    {
        var deployments = Documents.Where(d => Kind(d) == "Deployment").ToList();
        Assert.Equal(["aiops-api", "aiops-silo"], deployments.Select(Name).Order());
        return deployments.SelectMany(d => ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)d["spec"])["template"])["spec"])["containers"])
            .Cast<YamlMappingNode>().Select(c => (Name(d), c)));
    }

    private static YamlMappingNode Deployment(string name) => Documents.Single(d => Kind(d) == "Deployment" && Name(d) == name);

    private static Dictionary<string, YamlMappingNode> Env(YamlMappingNode container) =>
        ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"));

    private static Dictionary<string, string> ConfigMap(string name) => Data(Documents.Single(d => Kind(d) == "ConfigMap" && Name(d) == name), "data");

    private static Dictionary<string, string> Secret(string name) => Data(Documents.Single(d => Kind(d) == "Secret" && Name(d) == name), "stringData");

    private static Dictionary<string, string> Data(YamlMappingNode document, string field) =>
        ((YamlMappingNode)document[field]).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);

    private static string FieldRef(YamlMappingNode variable) =>
        Scalar((YamlMappingNode)((YamlMappingNode)variable["valueFrom"])["fieldRef"], "fieldPath");

    private static string Kind(YamlMappingNode document) => Scalar(document, "kind");

    private static string Name(YamlMappingNode document) => Scalar((YamlMappingNode)document["metadata"], "name");

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
