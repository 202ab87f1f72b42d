using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiOps.Infrastructure.Ingest;

/// <summary>
/// Where a <c>202</c>'s events are kept and how they reach the grains: JetStream when <c>Nats:Url</c> is set (the
/// silos' durable consumer takes them from there), else the ingest journal in the data directory.
/// </summary>
public static class DurableIngestRegistration
{
    /// <summary>
    /// The <see cref="IIngestSink"/> and its background service. Call it after the silo: hosted services stop in
    /// reverse order, so the sink's dispatcher stops first and its last checkpoint still reaches the grains.
    /// </summary>
    public static IServiceCollection AddDurableIngest(this IServiceCollection services, IConfiguration configuration, DurableIngestSettings settings)
    {
        services.AddSingleton(settings);
        services.Configure<NatsIngestOptions>(configuration.GetSection(NatsIngestOptions.Section));
        if (UsesNats(configuration))
        {
            services.AddSingleton<JetStreamIngest>();
            services.AddSingleton<IIngestSink>(sp => sp.GetRequiredService<JetStreamIngest>());
        }
        else
        {
            services.AddSingleton<JournalIngest>();
            services.AddSingleton<IIngestSink>(sp => sp.GetRequiredService<JournalIngest>());
        }

        services.AddSingleton<IHostedService>(sp => (IHostedService)sp.GetRequiredService<IIngestSink>());
        return services;
    }

    /// <summary>
    /// The silos' durable JetStream consumer, when <c>Nats:Url</c> is set; silos only (an API-only front end
    /// publishes, it does not consume). Call it after the silo, so that it stops first and its last grain calls
    /// (and so its acknowledgements) still go through.
    /// </summary>
    public static IServiceCollection AddNatsIngestConsumer(this IServiceCollection services, IConfiguration configuration)
    {
        if (UsesNats(configuration))
        {
            services.AddSingleton<NatsIngestConsumer>();
            services.AddHostedService(sp => sp.GetRequiredService<NatsIngestConsumer>());
        }

        return services;
    }

    private static bool UsesNats(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Nats:Url"]);
}
