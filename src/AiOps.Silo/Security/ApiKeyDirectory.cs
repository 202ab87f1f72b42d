using System.Collections.Frozen;

namespace AiOps.Silo.Security;

/// <summary>The configured keys, indexed by hash. Built once at start; a bad entry stops the start.</summary>
public sealed class ApiKeyDirectory
{
    private readonly FrozenDictionary<string, KeyHolder> _byHash;

    public ApiKeyDirectory(ApiKeyOptions options)
    {
        var holders = new Dictionary<string, KeyHolder>(StringComparer.Ordinal);
        foreach (var (name, entry) in options.Keys)
        {
            var at = $"{ApiKeyOptions.Section}:Keys:{name}";
            if (!Roles.All.Contains(entry.Role))
            {
                throw new InvalidOperationException($"{at}:Role must be one of {string.Join(", ", Roles.All)}, not '{entry.Role}'.");
            }

            var hash = entry.Hash.Trim().ToLowerInvariant();
            if (!hash.StartsWith(ApiKeyHash.Prefix, StringComparison.Ordinal) || hash.Length != ApiKeyHash.Prefix.Length + 64)
            {
                throw new InvalidOperationException($"{at}:Hash must be '{ApiKeyHash.Prefix}' and 64 hex digits (make one with 'aiops key new').");
            }

            if (!holders.TryAdd(hash, new KeyHolder(name, entry.Role)))
            {
                throw new InvalidOperationException($"{at}:Hash is the same key as another entry.");
            }
        }

        _byHash = holders.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public bool IsEmpty => _byHash.Count == 0;

    public int Count => _byHash.Count;

    public KeyHolder? Find(string presentedKey) =>
        _byHash.TryGetValue(ApiKeyHash.Of(presentedKey), out var holder) ? holder : null;
}

public sealed record KeyHolder(string Name, string Role);
