namespace AiOps.Silo.Features.Remediation;

public static class RemediationRegistration
{
    /// <summary>The webhook executor when Remediation:AutomationUrl is set, else the dry-run executor.</summary>
    public static IServiceCollection AddAiOpsRemediation(this IServiceCollection services, IConfiguration configuration)
    {
        var url = configuration["Remediation:AutomationUrl"];
        if (Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
        {
            services.AddHttpClient(nameof(WebhookActionExecutor));
            services.AddSingleton<IActionExecutor>(sp => new WebhookActionExecutor(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookActionExecutor)), endpoint, configuration["Remediation:AutomationSecret"]));
        }
        else
        {
            services.AddSingleton<IActionExecutor, DryRunExecutor>();
        }

        services.AddSingleton<ActionRunner>();
        return services;
    }
}
