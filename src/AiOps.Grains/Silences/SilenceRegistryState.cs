using AiOps.Contracts.Messages;

namespace AiOps.Grains.Silences;

[GenerateSerializer, Alias("aiops.silence-registry-state.v1")]
public sealed class SilenceRegistryState
{
    [Id(0)] public Dictionary<string, Silence> Silences { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Bumped whenever a silence is added, expired or dropped (not on match counts): what silos compare to refresh.</summary>
    [Id(1)] public long Version { get; set; }
}
