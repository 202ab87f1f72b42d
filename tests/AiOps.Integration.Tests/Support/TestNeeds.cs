namespace AiOps.Integration.Tests.Support;

/// <summary>
/// What a test needs from outside the repository, as the xunit trait <c>Needs</c> (on the class, or on the tests
/// that need it). Where it is missing such a test says so (most skip; the plugin's end-to-end test fails without
/// npm), and <c>--filter Needs!=npm</c> leaves it out.
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
