namespace AiOps.Integration.Tests.Support;

/// <summary>
/// The split of the integration tests by what they need, as the xunit trait <c>Category</c>: exactly one on every
/// test class (<c>TestCategoryTests</c> fails the build's tests otherwise), so that
/// <c>dotnet test tests/AiOps.Integration.Tests --filter Category=component</c> runs the part that starts nothing.
/// </summary>
public static class TestCategory
{
    public const string Name = "Category";

    /// <summary>One part (a store, a queue, a sender, a parser, a serializer) in the test process; no host.</summary>
    public const string Component = "component";

    /// <summary>The real host, in the test process or as its own process, seen through its API, with stand-ins.</summary>
    public const string Host = "host";

    /// <summary>More than one silo: the in-process test cluster, or silos clustered through Redis or NATS.</summary>
    public const string Cluster = "cluster";

    /// <summary>What deploy/ and docker-compose.yml ship: the files checked, their tools run, the fleet rehearsed.</summary>
    public const string Deployment = "deployment";

    /// <summary>The Grafana Operations Console plugin: its npm toolchain and its pages in Chromium.</summary>
    public const string Plugin = "plugin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Component, Host, Cluster, Deployment, Plugin };
}

/// <summary>
/// What a test needs from outside the repository, as the xunit trait <c>Needs</c> (on the class, or on the tests
/// that need it): such a test is skipped, saying why, where it is not installed; <c>--filter Needs!=npm</c> leaves it out.
/// </summary>
public static class TestNeeds
{
    public const string Name = "Needs";

    public const string Redis = "redis";
    public const string Nats = "nats";

    /// <summary>Prometheus' family of tools: prometheus, promtool, prometheus-alertmanager, victoria-metrics, vmalert.</summary>
    public const string Prometheus = "prometheus";

    public const string Chromium = "chromium";
    public const string Npm = "npm";
    public const string Systemd = "systemd";

    /// <summary>The NAB or loghub development set beside the checkout, and python3 for its scorer.</summary>
    public const string Dataset = "dataset";

    /// <summary>A ClickHouse server named by <c>ConnectionStrings__clickhouse</c>.</summary>
    public const string ClickHouse = "clickhouse";

    /// <summary>A Qdrant server named by <c>Qdrant__Endpoint</c>.</summary>
    public const string Qdrant = "qdrant";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Redis, Nats, Prometheus, Chromium, Npm, Systemd, Dataset, ClickHouse, Qdrant,
    };
}
