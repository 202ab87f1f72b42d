using System.Collections.Concurrent;

namespace AiOps.Grains.Routing;

/// <summary>
/// Grain references by key, each made once. Orleans' <c>GetGrain&lt;T&gt;(key)</c> resolves the interface's grain type
/// by reflection over its attributes on every call (about 8 µs here): in an alert storm the service monitors and
/// correlation keys made thousands of references a second, about 1% of the host's CPU. A reference belongs to the
/// factory that made it (in-process test clusters run several silos), so each cache holds one factory's.
/// </summary>
public sealed class GrainReferenceCache<TGrain>(IGrainFactory factory, int bound = 4_096)
    where TGrain : IGrainWithStringKey
{
    private readonly ConcurrentDictionary<string, TGrain> _references = new(StringComparer.Ordinal);

    public TGrain this[string key]
    {
        get
        {
            if (_references.TryGetValue(key, out var reference))
            {
                return reference;
            }

            // Keys come and go (incidents close): past the bound the cache starts again rather than keep every key.
            if (_references.Count >= bound)
            {
                _references.Clear();
            }

            reference = factory.GetGrain<TGrain>(key);
            _references[key] = reference;
            return reference;
        }
    }
}
