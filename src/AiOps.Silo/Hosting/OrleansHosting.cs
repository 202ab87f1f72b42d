using AiOps.Contracts;
using AiOps.Infrastructure.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace AiOps.Silo.Hosting;

/// <summary>
/// The Orleans side of the host. Without <c>ConnectionStrings:redis</c>: the embedded default (localhost
/// clustering, grain state and reminders in the data directory). With it: a cluster member (Redis clustering, grain state and
/// reminders in Redis), or, in the <c>api</c> role, a client of that cluster. Nothing else in the code differs.
/// </summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddAiOpsOrleans(this WebApplicationBuilder builder, AiOpsOptions options)
    {
        var endpoints = OrleansEndpointOptions.From(builder.Configuration);
        var redis = builder.Configuration.GetConnectionString("redis");
        var tracing = AiOps.Insight.DistributedTracing.IsOn(builder.Configuration);
        if (options.IsApiOnly)
        {
            if (redis is null)
            {
                throw new InvalidOperationException("AiOps:Role api needs ConnectionStrings:redis to find the cluster's gateways");
            }

            builder.UseOrleansClient(client =>
            {
                client.UseRedisClustering(redis);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (endpoints.ClusterId, endpoints.ServiceId));
                if (tracing)
                {
                    client.AddActivityPropagation();
                }

                if (options.Dashboard)
                {
                    client.AddDashboard();
                }
            });
            return builder;
        }

        builder.UseOrleans(silo =>
        {
            if (redis is null)
            {
                silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, null, endpoints.ServiceId, endpoints.ClusterId);
                silo.Services.AddFileGrainStorage(StorageNames.Durable, Path.GetFullPath(options.DataDirectory));
                silo.AddReminders();
                silo.Services.AddSingleton<IReminderTable>(new FileReminderTable(Path.Combine(Path.GetFullPath(options.DataDirectory), "reminders.json")));
            }
            else
            {
                if (options.KubernetesHosting)
                {
                    // First, so that the cluster ids configured below (Orleans:ClusterId) are the ones that count.
                    silo.UseKubernetesHosting();
                }

                silo.UseRedisClustering(redis);
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (endpoints.ClusterId, endpoints.ServiceId));
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = endpoints.SiloPort;
                    o.GatewayPort = endpoints.GatewayPort;
                    if (endpoints.AdvertisedIPAddress is { } address)
                    {
                        o.AdvertisedIPAddress = address;
                    }
                });
                silo.AddRedisGrainStorage(StorageNames.Durable, RedisStorage(redis));
                silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            }

            if (tracing)
            {
                // Grain calls carry the caller's trace context and become spans (Microsoft.Orleans.Application/Runtime).
                silo.AddActivityPropagation();
            }

            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
            // How fast a dead silo is noticed (Orleans:ClusterMembership:ProbeTimeout, NumMissedProbesLimit, ...).
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:ClusterMembership"));
            if (options.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        return builder;
    }

    /// <summary>Redis grain state written with the grains' generated Orleans serializers (as on disk).</summary>
    private static Action<Microsoft.Extensions.Options.OptionsBuilder<Orleans.Persistence.RedisStorageOptions>> RedisStorage(string redis) =>
        options => options.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = ConfigurationOptions.Parse(redis);
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        });
}
