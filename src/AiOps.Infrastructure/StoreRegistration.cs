using AiOps.Core.Incidents;
using AiOps.Core.Policy;
using AiOps.Core.Tracing;
using AiOps.Grains.Analytics;
using AiOps.Infrastructure.Analytics;
using AiOps.Infrastructure.Incidents;
using AiOps.Infrastructure.Tracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AiOps.Infrastructure;

/// <summary>The stores behind the grains' interfaces, chosen by which connection strings are set.</summary>
public static class StoreRegistration
{
    /// <summary>
    /// The trace store: Redis when <c>ConnectionStrings:redis</c> is set (the silos and the API-only front end read
    /// and write the same one), otherwise SQLite in the data directory (<c>traces.db</c>).
    /// </summary>
    public static IServiceCollection AddAiOpsTraceStore(this IServiceCollection services, GrainServiceSettings settings)
    {
        if (settings.Redis is { Length: > 0 } redis)
        {
            services.AddSingleton<ITraceStore>(sp =>
            {
                var policy = sp.GetRequiredService<PolicyRuntime>();
                return new RedisTraceStore(Connect(redis), settings.ServiceId, () => policy.Fleet.Ingest.Trace,
                    () => TimeSpan.FromHours(policy.Fleet.Retention.TracesHours), sp.GetRequiredService<ILogger<RedisTraceStore>>());
            });
        }
        else
        {
            var path = Path.Combine(Path.GetFullPath(settings.DataDirectory), "traces.db");
            services.AddSingleton<ITraceStore>(sp =>
            {
                var policy = sp.GetRequiredService<PolicyRuntime>();
                return new SqliteTraceStore(path, () => policy.Fleet.Ingest.Trace, sp.GetRequiredService<ILogger<SqliteTraceStore>>());
            });
        }

        return services;
    }

    /// <summary>
    /// The incident index: Redis when <c>ConnectionStrings:redis</c> is set (the silos and the API-only front end
    /// read and write the same one), otherwise SQLite in the data directory (<c>incidents.db</c>).
    /// </summary>
    public static IServiceCollection AddAiOpsIncidentIndex(this IServiceCollection services, GrainServiceSettings settings)
    {
        if (settings.Redis is { Length: > 0 } redis)
        {
            services.AddSingleton<IIncidentIndex>(_ => new RedisIncidentIndex(Connect(redis), settings.ServiceId));
        }
        else
        {
            var path = Path.Combine(Path.GetFullPath(settings.DataDirectory), "incidents.db");
            services.AddSingleton<IIncidentIndex>(sp => new SqliteIncidentIndex(path, sp.GetRequiredService<ILogger<SqliteIncidentIndex>>()));
        }

        return services;
    }

    /// <summary>The analytics store (ClickHouse) when <c>ConnectionStrings:clickhouse</c> is set; otherwise nothing leaves the grains.</summary>
    public static IServiceCollection AddAiOpsAnalytics(this IServiceCollection services, GrainServiceSettings settings)
    {
        if (settings.ClickHouse is { Length: > 0 } clickhouse)
        {
            services.AddSingleton<IAnalyticsWriter>(new ClickHouseAnalyticsWriter(clickhouse));
            services.AddSingleton<IAnalyticsReader>(new ClickHouseAnalyticsReader(clickhouse));
            services.AddSingleton<AnalyticsSink>();
            services.AddSingleton<IAnalyticsSink>(sp => sp.GetRequiredService<AnalyticsSink>());
            services.AddHostedService(sp => sp.GetRequiredService<AnalyticsSink>());
            services.AddSingleton<AiOps.Insight.IInsightCacheStore, AnalyticsInsightCacheStore>();
        }
        else
        {
            services.AddSingleton<IAnalyticsSink, NullAnalyticsSink>();
            services.AddSingleton<IAnalyticsReader, NullAnalyticsReader>();
        }

        return services;
    }

    private static ConnectionMultiplexer Connect(string redis)
    {
        var connection = ConfigurationOptions.Parse(redis);
        connection.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(connection);
    }
}
