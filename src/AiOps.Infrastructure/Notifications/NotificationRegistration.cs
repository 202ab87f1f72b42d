using AiOps.Core.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiOps.Infrastructure.Notifications;

public static class NotificationRegistration
{
    /// <summary>The channel senders (every role: incident grains ask them for retry limits) and their settings.</summary>
    public static IServiceCollection AddAiOpsNotificationSenders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(NotificationSettings.Section).Get<NotificationSettings>() ?? new NotificationSettings();
        services.AddSingleton(settings);
        services.AddChannelClient("webhook");
        services.AddChannelClient("alertmanager");
        services.AddChannelClient("pagerduty");
        services.AddSingleton<INotificationSender>(sp => new WebhookSender(Client(sp, "webhook"), settings));
        services.AddSingleton<INotificationSender>(sp => new AlertmanagerSender(Client(sp, "alertmanager"), settings));
        services.AddSingleton<INotificationSender>(sp => new PagerDutySender(Client(sp, "pagerduty"), settings));
        services.AddSingleton<INotificationSender>(new EmailSender(settings));
        return services;
    }

    /// <summary>
    /// Delivery on a silo: the deliverer incidents hand their new notifications to, and the pump that sweeps up what
    /// the deliverer does not finish. Register after the silo, so that both stop before it and their last records
    /// still reach the incidents.
    /// </summary>
    public static IServiceCollection AddAiOpsNotificationPump(this IServiceCollection services)
    {
        services.AddAiOpsNotificationDeliverer();
        services.AddHostedService<NotificationPump>();
        return services;
    }

    /// <summary>The deliverer alone, in place of the grains' default that refuses every offer (a test runs its pump by hand).</summary>
    public static IServiceCollection AddAiOpsNotificationDeliverer(this IServiceCollection services)
    {
        services.TryAddSingleton<StormView>();
        services.TryAddSingleton<NotificationDelivery>();
        services.TryAddSingleton<NotificationDeliverer>();
        services.Replace(ServiceDescriptor.Singleton<INotificationHandoff>(sp => sp.GetRequiredService<NotificationDeliverer>()));
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDeliverer>());
        return services;
    }

    private static HttpClient Client(IServiceProvider services, string channel) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(NotificationHttp.ClientName(channel));
}
