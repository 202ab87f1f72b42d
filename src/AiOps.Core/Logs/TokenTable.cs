namespace AiOps.Core.Logs;

/// <summary>
/// Interns masked tokens so that a line already seen allocates no new strings and tokens compare by
/// reference first. Bounded: past <see cref="Capacity"/> distinct tokens (a service logging free text) new
/// tokens are still returned, just not remembered.
/// </summary>
public sealed class TokenTable(int capacity = 20_000)
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal) { [LogMasker.Wildcard] = LogMasker.Wildcard };

    public int Capacity { get; } = capacity;

    public int Count => _tokens.Count;

    public string Intern(ReadOnlySpan<char> token)
    {
        var lookup = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(token, out var known))
        {
            return known;
        }

        var text = token.ToString();
        if (_tokens.Count < Capacity)
        {
            _tokens[text] = text;
        }

        return text;
    }
}
