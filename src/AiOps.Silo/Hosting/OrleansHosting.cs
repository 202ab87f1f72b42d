using AiOps.Contracts;
using AiOps.Grains.Storage;
using Orleans.Configuration;

namespace AiOps.Silo.Hosting;

/// <summary>The silo on the embedded defaults: localhost clustering, grain state in the data directory, in-memory streams.</summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddAiOpsSilo(this WebApplicationBuilder builder, AiOpsOptions options)
    {
        var endpoints = OrleansEndpointOptions.From(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, null, endpoints.ServiceId, endpoints.ClusterId);
            silo.Services.AddFileGrainStorage(StorageNames.Durable, Path.GetFullPath(options.DataDirectory));
            silo.AddMemoryGrainStorage(StreamNames.PubSubStore);
            silo.AddMemoryStreams(StreamNames.Provider, streams => streams.ConfigurePullingAgent(agent =>
                // The default 100 ms poll would dominate a Fast Path measured in milliseconds.
                agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(5))));
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
        });
        return builder;
    }
}
