using AiOps.Contracts.Messages;

namespace AiOps.Contracts.Grains;

/// <summary>
/// The fleet's silences (key <see cref="Fleet"/>). Written by people, rarely; the Fast Path never calls it per
/// event: each silo holds a snapshot it refreshes when the version changes, and hands match counts back in batches.
/// </summary>
[Alias("aiops.silence-registry-grain")]
public interface ISilenceRegistryGrain : IGrainWithStringKey
{
    const string Fleet = "fleet";

    /// <summary>Stores a new silence (already validated) and returns it with its id and state, or says why it cannot.</summary>
    Task<(Silence? Created, string? Problem)> CreateAsync(Silence silence);

    /// <summary>Ends the silence now; null when no silence has this id.</summary>
    Task<Silence?> ExpireAsync(string silenceId, string actor);

    /// <summary>One silence with its state and matched count, or null.</summary>
    Task<Silence?> GetAsync(string silenceId);

    /// <summary>All silences kept (expired ones until the retention drops them), newest first.</summary>
    Task<IReadOnlyList<Silence>> ListAsync();

    /// <summary>The silences and their version; null silences when <paramref name="knownVersion"/> is current.</summary>
    Task<(long Version, IReadOnlyList<Silence>? Silences)> SnapshotAsync(long knownVersion);

    /// <summary>Adds anomalies matched since the last call, by silence id.</summary>
    Task AddMatchesAsync(IReadOnlyDictionary<string, long> matchedBySilence);
}
