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

    /// <summary>The pump, with the per-entry delivery and storm view it works through. Register after the silo, so that it stops before it.</summary>
    public static IServiceCollection AddAiOpsNotificationPump(this IServiceCollection services)
    {
        services.TryAddSingleton<StormView>();
        services.TryAddSingleton<NotificationDelivery>();
        services.AddHostedService<NotificationPump>();
        return services;
    }

    private static HttpClient Client(IServiceProvider services, string channel) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(NotificationHttp.ClientName(channel));
}
