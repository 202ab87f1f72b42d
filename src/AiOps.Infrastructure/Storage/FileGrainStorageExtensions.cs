using AiOps.Core.Policy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace AiOps.Infrastructure.Storage;

public static class FileGrainStorageExtensions
{
    /// <summary>
    /// Registers a <see cref="FileGrainStorage"/> under <paramref name="name"/>, storing below <paramref name="directory"/>;
    /// it flushes each write to disk as the ingest journal does (<c>ingest.yaml durability.flush_to_disk</c>, read at start).
    /// </summary>
    public static IServiceCollection AddFileGrainStorage(this IServiceCollection services, string name, string directory) =>
        services.AddGrainStorage(name, (provider, _) =>
            new FileGrainStorage(Path.Combine(directory, "grains"), provider.GetRequiredService<Serializer>(),
                provider.GetRequiredService<PolicyRuntime>().Fleet.Ingest.Durability.FlushToDisk));
}
