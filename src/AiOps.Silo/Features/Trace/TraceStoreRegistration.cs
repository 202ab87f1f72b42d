using AiOps.Core.Policy;
using AiOps.Core.Tracing;
using AiOps.Silo.Hosting;
using StackExchange.Redis;

namespace AiOps.Silo.Features.Trace;

public static class TraceStoreRegistration
{
    /// <summary>
    /// The trace store: Redis when <c>ConnectionStrings:redis</c> is set (the silos and the API-only front end read
    /// and write the same one), otherwise SQLite in the data directory (<c>traces.db</c>).
    /// </summary>
    public static void AddAiOpsTraceStore(this IServiceCollection services, IConfiguration configuration, AiOpsOptions options)
    {
        if (configuration.GetConnectionString("redis") is { Length: > 0 } redis)
        {
            var serviceId = OrleansEndpointOptions.From(configuration).ServiceId;
            services.AddSingleton<ITraceStore>(sp =>
            {
                var connection = ConfigurationOptions.Parse(redis);
                connection.AbortOnConnectFail = false;
                var policy = sp.GetRequiredService<PolicyRuntime>();
                return new RedisTraceStore(ConnectionMultiplexer.Connect(connection), serviceId, () => policy.Fleet.Ingest.Trace,
                    () => TimeSpan.FromHours(policy.Fleet.Retention.TracesHours), sp.GetRequiredService<ILogger<RedisTraceStore>>());
            });
        }
        else
        {
            var path = Path.Combine(Path.GetFullPath(options.DataDirectory), "traces.db");
            services.AddSingleton<ITraceStore>(sp =>
            {
                var policy = sp.GetRequiredService<PolicyRuntime>();
                return new SqliteTraceStore(path, () => policy.Fleet.Ingest.Trace, sp.GetRequiredService<ILogger<SqliteTraceStore>>());
            });
        }

        services.AddHostedService<TraceStoreService>();
    }
}
