using System.Text.RegularExpressions;
using AiOps.Contracts.Messages;
using AiOps.Core.Policy;

namespace AiOps.Core.Silences;

/// <summary>Alertmanager's rules for a new silence, each failure naming the field.</summary>
public static partial class SilenceValidation
{
    public static string? Problem(IReadOnlyList<SilenceMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now, SilenceSettings settings)
    {
        if (matchers.Count == 0)
        {
            return "field 'matchers' needs at least one matcher";
        }

        if (matchers.Count > settings.MaxMatchers)
        {
            return $"field 'matchers' has {matchers.Count} matchers; at most {settings.MaxMatchers} are allowed (correlate.yaml silences.max_matchers)";
        }

        var timeout = TimeSpan.FromMilliseconds(settings.RegexTimeoutMs);
        var compiled = new List<CompiledMatcher>();
        for (var i = 0; i < matchers.Count; i++)
        {
            var matcher = matchers[i];
            if (!LabelName().IsMatch(matcher.Name))
            {
                return $"field 'matchers[{i}].name': '{matcher.Name}' is not a field ({string.Join(", ", SilenceFields.Fixed)}) or a label name";
            }

            try
            {
                compiled.Add(new CompiledMatcher(matcher, timeout));
            }
            catch (ArgumentException e)
            {
                return $"field 'matchers[{i}].value' is not a valid regex: {e.Message}";
            }
        }

        // As in Alertmanager: a silence whose every matcher also matches a missing field would silence everything.
        if (compiled.All(m => m.MatchesValue("")))
        {
            return "field 'matchers' must have at least one matcher that does not match the empty string";
        }

        if (endsAt <= startsAt)
        {
            return "field 'ends_at' must be after 'starts_at'";
        }

        return endsAt <= now ? "field 'ends_at' must be in the future" : null;
    }

    [GeneratedRegex("^(labels\\.)?[A-Za-z_][A-Za-z0-9_.]{0,99}$")]
    private static partial Regex LabelName();
}
