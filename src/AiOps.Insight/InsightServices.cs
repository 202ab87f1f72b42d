using AiOps.Core.Insight;
using AiOps.Core.Policy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OllamaSharp;
using Qdrant.Client;

namespace AiOps.Insight;

public static class InsightServices
{
    public const string OllamaClientName = "aiops-ollama";

    /// <summary>
    /// The Insight Path. <c>Ollama:Endpoint</c> turns on the model and its embeddings (OllamaSharp behind
    /// <see cref="IChatClient"/> and <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>); without it insights
    /// are rule-based and embeddings local. <c>Qdrant:Endpoint</c> (gRPC) chooses Qdrant over the in-process index.
    /// </summary>
    public static IServiceCollection AddAiOpsInsight(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["Ollama:Endpoint"] is { Length: > 0 } ollama)
        {
            // Each call is bounded, and the circuit broken, by the ModelGuard (llm.yaml timeout_ms, circuit_breaker);
            // the client's own timeout is only a backstop. The client lives as long as the host, so its handler
            // recycles connections itself rather than the factory rotating handlers.
            services.AddHttpClient(OllamaClientName, http =>
                {
                    http.BaseAddress = new Uri(ollama);
                    http.Timeout = TimeSpan.FromMinutes(5);
                })
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddSingleton(sp => new OllamaApiClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(OllamaClientName)));
            if (DistributedTracing.IsOn(configuration))
            {
                // Each model call becomes a span (gen_ai.* attributes; prompts and answers are not recorded).
                services.AddSingleton<IChatClient>(sp => new ChatClientBuilder(sp.GetRequiredService<OllamaApiClient>())
                    .UseOpenTelemetry(sourceName: DistributedTracing.ChatSource)
                    .Build(sp));
            }
            else
            {
                services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<OllamaApiClient>());
            }
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<OllamaApiClient>());
        }
        else
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new LocalTextEmbedder());
        }

        if (configuration["Qdrant:Endpoint"] is { Length: > 0 } qdrant)
        {
            var endpoint = new Uri(qdrant);
            services.AddSingleton<IVectorIndex>(_ => new QdrantVectorIndex(new QdrantClient(endpoint), endpoint));
        }
        else
        {
            services.AddSingleton<IVectorIndex, InMemoryVectorIndex>();
        }

        services.TryAddSingleton<IInsightQueue, InsightQueue>();
        services.AddSingleton(sp => new InsightCache(sp.GetRequiredService<IInsightCacheStore>(),
            sp.GetRequiredService<PolicyRuntime>().Fleet.Llm.CacheMaxEntries, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IInsightCacheStore, NoInsightCacheStore>();
        services.AddSingleton<InsightMetrics>();
        services.AddSingleton<ModelGuard>();
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<InsightEngine>();
        services.AddHostedService<InsightWorker>();
        return services;
    }
}
