using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Integration.Tests.Grains;

/// <summary>A grain's persistent state as a grain holds it, for tests that call a grain storage directly.</summary>
internal sealed class StateHolder<T> : IGrainState<T>
    where T : new()
{
    /// <summary>A serializer with the types of every referenced assembly, as the silo's.</summary>
    public static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State { get; set; } = new();
    public string? ETag { get; set; }
    public bool RecordExists { get; set; }
}
