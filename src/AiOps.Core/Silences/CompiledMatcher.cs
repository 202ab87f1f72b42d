using System.Text.RegularExpressions;
using AiOps.Contracts.Messages;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Detection;

namespace AiOps.Core.Silences;

/// <summary>
/// A matcher ready to run: a regex is anchored at both ends (Alertmanager's semantics) and bounded in time, so an
/// operator's pattern cannot stall the Fast Path; a match that runs out of time counts as no match.
/// </summary>
public sealed class CompiledMatcher
{
    private readonly Regex? _regex;

    public CompiledMatcher(SilenceMatcher matcher, TimeSpan regexTimeout)
    {
        Matcher = matcher;
        if (matcher.IsRegex)
        {
            _regex = new Regex($"^(?:{matcher.Value})$", RegexOptions.CultureInvariant, regexTimeout);
        }
    }

    public SilenceMatcher Matcher { get; }

    public bool Matches(CorrelationCandidate candidate) => MatchesValue(SilenceFields.ValueOf(candidate, Matcher.Name));

    public bool MatchesValue(string value)
    {
        var equal = _regex is null ? string.Equals(value, Matcher.Value, StringComparison.Ordinal) : BoundedMatch.IsMatch(_regex, value);
        return equal == Matcher.IsEqual;
    }
}
