using AiOps.Core.Insight;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OllamaSharp;
using Qdrant.Client;

namespace AiOps.Insight;

public static class InsightServices
{
    /// <summary>
    /// The Insight Path. <c>Ollama:Endpoint</c> turns on the model and its embeddings (OllamaSharp behind
    /// <see cref="IChatClient"/> and <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>); without it insights
    /// are rule-based and embeddings local. <c>Qdrant:Endpoint</c> (gRPC) chooses Qdrant over the in-process index.
    /// </summary>
    public static IServiceCollection AddAiOpsInsight(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["Ollama:Endpoint"] is { Length: > 0 } ollama)
        {
            // Each call is bounded by the ModelGuard (llm.yaml timeout_ms); this is only a backstop.
            services.AddSingleton(_ => new OllamaApiClient(new HttpClient { BaseAddress = new Uri(ollama), Timeout = TimeSpan.FromMinutes(5) }));
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
        services.AddSingleton<InsightCache>();
        services.TryAddSingleton<IInsightCacheStore, NoInsightCacheStore>();
        services.AddSingleton<InsightMetrics>();
        services.AddSingleton<ModelGuard>();
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<InsightEngine>();
        services.AddHostedService<InsightWorker>();
        return services;
    }
}
