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
