using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace AiOps.Infrastructure.Storage;

public static class FileGrainStorageExtensions
{
    /// <summary>Registers a <see cref="FileGrainStorage"/> under <paramref name="name"/>, storing below <paramref name="directory"/>.</summary>
    public static IServiceCollection AddFileGrainStorage(this IServiceCollection services, string name, string directory) =>
        services.AddGrainStorage(name, (provider, _) =>
            new FileGrainStorage(Path.Combine(directory, "grains"), provider.GetRequiredService<Serializer>()));
}
