using Orleans.Serialization;
using Orleans.Storage;

namespace AiOps.Integration.Tests.Grains;

/// <summary>
/// Memory grain storage that writes state with the grains' generated Orleans serializers, as the host's file and
/// Redis storage do (memory storage's default is JSON, which reads some state types differently from the host).
/// </summary>
internal static class BinaryMemoryStorage
{
    public static ISiloBuilder AddBinaryMemoryGrainStorage(this ISiloBuilder silo, string name) =>
        silo.AddMemoryGrainStorage(name, options => options.Configure<Serializer>((o, serializer) =>
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
}
