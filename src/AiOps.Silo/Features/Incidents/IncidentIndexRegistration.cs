using AiOps.Core.Incidents;
using AiOps.Silo.Hosting;
using StackExchange.Redis;

namespace AiOps.Silo.Features.Incidents;

public static class IncidentIndexRegistration
{
    /// <summary>
    /// The incident index: Redis when <c>ConnectionStrings:redis</c> is set (the silos and the API-only front end
    /// read and write the same one), otherwise SQLite in the data directory (<c>incidents.db</c>).
    /// </summary>
    public static void AddAiOpsIncidentIndex(this IServiceCollection services, IConfiguration configuration, AiOpsOptions options)
    {
        if (configuration.GetConnectionString("redis") is { Length: > 0 } redis)
        {
            var serviceId = OrleansEndpointOptions.From(configuration).ServiceId;
            services.AddSingleton<IIncidentIndex>(_ =>
            {
                var connection = ConfigurationOptions.Parse(redis);
                connection.AbortOnConnectFail = false;
                return new RedisIncidentIndex(ConnectionMultiplexer.Connect(connection), serviceId);
            });
        }
        else
        {
            var path = Path.Combine(Path.GetFullPath(options.DataDirectory), "incidents.db");
            services.AddSingleton<IIncidentIndex>(sp => new SqliteIncidentIndex(path, sp.GetRequiredService<ILogger<SqliteIncidentIndex>>()));
        }

        services.AddHealthChecks().AddCheck<IncidentIndexHealthCheck>("incident_index");
    }
}
