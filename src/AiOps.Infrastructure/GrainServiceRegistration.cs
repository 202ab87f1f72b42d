using AiOps.Core.Notifications;
using AiOps.Core.Policy;
using AiOps.Core.Stats;
using AiOps.Grains.Monitoring;
using AiOps.Grains.Notifications;
using AiOps.Grains.Silences;
using AiOps.Insight;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiOps.Infrastructure;

public static class GrainServiceRegistration
{
    /// <summary>
    /// Everything the grains take in their constructors, for the host and the test cluster alike, so that a grain
    /// that gains a dependency gains it in both. The caller registers an <see cref="IPolicyProvider"/> (the host's
    /// reloads the policy files, a test's is static). Call it before the silo: the stores' background writers then
    /// stop after the silo and still write the grains' last records. A test replaces a service by registering its
    /// double after this call (the last registration wins).
    /// </summary>
    public static IServiceCollection AddAiOpsGrainServices(this IServiceCollection services, GrainServiceSettings settings)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PolicyRuntime>();
        services.TryAddSingleton(sp => new StatsAccumulator(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<FastPathMetrics>();
        services.TryAddSingleton<NotificationMetrics>();
        // Incidents send their notifications through this silo's deliverer where AddAiOpsNotificationPump runs; else the pump (or nothing) does.
        services.TryAddSingleton<INotificationHandoff>(NoNotificationHandoff.Instance);
        services.AddAiOpsTraceStore(settings);
        services.AddAiOpsIncidentIndex(settings);
        services.AddAiOpsAnalytics(settings);
        if (settings.HostsGrains)
        {
            services.TryAddSingleton<SilenceCache>();
            services.TryAddSingleton<IInsightQueue, InsightQueue>();
        }

        return services;
    }
}
