using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Silences;

/// <summary>An immutable snapshot of the fleet's silences, compiled once per change, read by every correlation on a silo.</summary>
public sealed class SilenceSet
{
    public static readonly SilenceSet Empty = new(0, [], TimeSpan.FromMilliseconds(20));

    private readonly CompiledSilence[] _silences;

    public SilenceSet(long version, IEnumerable<Silence> silences, TimeSpan regexTimeout)
    {
        Version = version;
        _silences = silences.Select(s => new CompiledSilence(s, regexTimeout)).ToArray();
    }

    public long Version { get; }

    public int Count => _silences.Length;

    /// <summary>The id of the first silence that silences this anomaly, or null.</summary>
    public string? SilencedBy(CorrelationCandidate candidate)
    {
        foreach (var silence in _silences)
        {
            if (silence.Silences(candidate))
            {
                return silence.Silence.SilenceId;
            }
        }

        return null;
    }
}
