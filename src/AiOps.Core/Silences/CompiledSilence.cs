using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;

namespace AiOps.Core.Silences;

/// <summary>A silence whose matchers are compiled: it silences an anomaly when every matcher matches and the event time is within its span.</summary>
public sealed class CompiledSilence(Silence silence, TimeSpan regexTimeout)
{
    private readonly CompiledMatcher[] _matchers = silence.Matchers.Select(m => new CompiledMatcher(m, regexTimeout)).ToArray();

    public Silence Silence { get; } = silence;

    public bool Silences(CorrelationCandidate candidate) =>
        SilenceStates.CoversEventTime(Silence, candidate.Anomaly.Ts) && _matchers.All(m => m.Matches(candidate));
}
