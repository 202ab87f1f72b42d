using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Infrastructure.Notifications;

public static class NotificationRegistration
{
    /// <summary>The channel senders (every role: incident grains ask them for retry limits) and their settings.</summary>
    public static IServiceCollection AddAiOpsNotificationSenders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(NotificationSettings.Section).Get<NotificationSettings>() ?? new NotificationSettings();
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        services.AddSingleton(settings);
        services.AddSingleton<INotificationSender>(new WebhookSender(http, settings));
        services.AddSingleton<INotificationSender>(new AlertmanagerSender(http, settings));
        services.AddSingleton<INotificationSender>(new PagerDutySender(http, settings));
        services.AddSingleton<INotificationSender>(new EmailSender(settings));
        return services;
    }
}
