using AiOps.Contracts;
using AiOps.Core.Policy;
using AiOps.Infrastructure;
using AiOps.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace AiOps.Integration.Tests.Grains;

/// <summary>An Orleans test cluster with the Fast Path grains and the shipped policies.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("aiops-cluster-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Makes writes of the silo's durable grain state fail on demand.</summary>
    public StorageFaults Faults { get; } = new();

    /// <summary>The grain calls the silo takes, with their callers.</summary>
    internal GrainCallLog Calls { get; } = new();

    /// <summary>The silo's incident index (SQLite in the fixture's data directory), as the API reads it.</summary>
    public AiOps.Core.Incidents.IIncidentIndex Incidents =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<AiOps.Core.Incidents.IIncidentIndex>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // The durable store is memory with a fault switch, so tests can make a write fail as an outage would.
            silo.AddBinaryMemoryGrainStorage("memory");
            silo.Services.AddGrainStorage(StorageNames.Durable, (sp, _) =>
                new FaultyGrainStorage(sp.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>("memory"), Faults));
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter(Calls.NoteAsync);
            var policy = PolicyLoader.Load(Path.Combine(AppContext.BaseDirectory, "policies"));
            silo.Services.AddSingleton<IPolicyProvider>(new StaticPolicyProvider(policy));
            // What the host registers for its grains, with SQLite stores in the fixture's data directory.
            silo.Services.AddAiOpsGrainServices(new GrainServiceSettings(_dataDirectory));
            // Test doubles, after the shared call so that they win: a known service history instead of none.
            silo.Services.AddSingleton<AiOps.Grains.Analytics.IAnalyticsReader, HistoryForTests>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
