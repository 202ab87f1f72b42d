using System.Reflection;
using AiOps.Contracts.Grains;
using AiOps.Grains.Routing;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Grains;

/// <summary>A reference is made once per key, the right one for its key, and the cache stays within its bound.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class GrainReferenceCacheTests
{
    [Fact]
    public void Each_key_gets_its_own_reference_made_once()
    {
        var factory = CountingFactory.Create();
        var cache = new GrainReferenceCache<IIncidentGrain>(factory);

        var first = cache["INC-1"];
        var again = cache["INC-1"];
        var other = cache["INC-2"];

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(["INC-1", "INC-2"], Made(factory));
    }

    [Fact]
    public void Past_its_bound_the_cache_starts_again_and_still_answers_for_every_key()
    {
        var factory = CountingFactory.Create();
        var cache = new GrainReferenceCache<IIncidentGrain>(factory, bound: 3);

        foreach (var key in new[] { "a", "b", "c", "d", "a" })
        {
            Assert.Equal(key, ((KeyedGrain)(object)cache[key]).Key);
        }

        // "d" found the cache full and cleared it, so "a" was made a second time.
        Assert.Equal(["a", "b", "c", "d", "a"], Made(factory));
    }

    private static List<string> Made(IGrainFactory factory) => ((CountingFactory)(object)factory).Made;

    /// <summary>An <see cref="IGrainFactory"/> that answers <c>GetGrain&lt;T&gt;(string key)</c> only, and records each key.</summary>
    public class CountingFactory : DispatchProxy
    {
        public List<string> Made { get; } = [];

        public static IGrainFactory Create() => DispatchProxy.Create<IGrainFactory, CountingFactory>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && args is [string key, ..])
            {
                Made.Add(key);
                var grain = DispatchProxy.Create(targetMethod.GetGenericArguments()[0], typeof(KeyedGrain));
                ((KeyedGrain)grain).Key = key;
                return grain;
            }

            throw new NotSupportedException(targetMethod?.Name);
        }
    }

    /// <summary>A stand-in grain reference that knows its key and answers nothing else.</summary>
    public class KeyedGrain : DispatchProxy
    {
        public string Key { get; set; } = "";

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new NotSupportedException(targetMethod?.Name);
    }
}
