using Microsoft.Extensions.Http.Resilience;

namespace AiOps.Silo.Features.Remediation;

public static class RemediationRegistration
{
    /// <summary>The client to the automation endpoint, from <see cref="IHttpClientFactory"/>; its resilience pipeline is named after it.</summary>
    public const string ClientName = "aiops-remediation";

    /// <summary>The webhook executor when Remediation:AutomationUrl is set, else the dry-run executor.</summary>
    public static IServiceCollection AddAiOpsRemediation(this IServiceCollection services, IConfiguration configuration)
    {
        var url = configuration["Remediation:AutomationUrl"];
        if (Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
        {
            services.AddHttpClient(ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
                .AddStandardResilienceHandler(options =>
                {
                    // The ActionRunner retries a failed action itself (remediate.yaml max_retries, retry_delay_sec):
                    // a retry here would multiply its attempts, and every phase is a POST.
                    options.Retry.DisableForUnsafeHttpMethods();
                    // The runner bounds each phase by its timeout_sec (at most an hour); these are only backstops.
                    options.AttemptTimeout.Timeout = TimeSpan.FromHours(1);
                    options.TotalRequestTimeout.Timeout = TimeSpan.FromHours(1);
                    // Polly asks for a sampling window of at least twice the attempt timeout.
                    options.CircuitBreaker.SamplingDuration = TimeSpan.FromHours(2);
                });
            services.AddSingleton<IActionExecutor>(sp => new WebhookActionExecutor(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName), endpoint, configuration["Remediation:AutomationSecret"]));
        }
        else
        {
            services.AddSingleton<IActionExecutor, DryRunExecutor>();
        }

        services.AddSingleton<ActionRunner>();
        return services;
    }
}
