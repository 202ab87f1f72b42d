namespace AiOps.Core.Logs;

/// <summary>
/// Turns one log message into the tokens the template miner compares, with variables replaced by
/// <see cref="Wildcard"/>. The rules are lexical and the same for every service (no per-data-set expressions):
/// a run of letters and digits that holds a digit is a variable (numbers, hex ids, IPs, ports, UUIDs,
/// durations like <c>20ms</c>, sizes like <c>1.5GB</c>, ids like <c>blk_-42</c>), as is a path or URL;
/// variables joined only by <c>. : -</c> collapse into one, so <c>0.5</c>, <c>1</c> and <c>10.0.0.1:80</c>
/// all read <c>&lt;*&gt;</c>.
/// </summary>
public static class LogMasker
{
    public const string Wildcard = "<*>";

    /// <summary>Appends the masked tokens of <paramref name="message"/> to <paramref name="tokens"/>.</summary>
    public static void Tokenize(ReadOnlySpan<char> message, TokenTable table, List<string> tokens, MaskBuffer scratch)
    {
        var i = 0;
        while (i < message.Length)
        {
            while (i < message.Length && char.IsWhiteSpace(message[i]))
            {
                i++;
            }

            var start = i;
            while (i < message.Length && !char.IsWhiteSpace(message[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(MaskToken(message[start..i], table, scratch));
            }
        }
    }

    private static string MaskToken(ReadOnlySpan<char> token, TokenTable table, MaskBuffer scratch)
    {
        if (IsPathOrUrl(token))
        {
            return Wildcard;
        }

        if (token.IndexOfAnyInRange('0', '9') < 0)
        {
            return table.Intern(token);
        }

        scratch.Clear();
        var i = 0;
        while (i < token.Length)
        {
            if (!char.IsLetterOrDigit(token[i]))
            {
                // A sign before a variable is part of it (blk_-42 and blk_42 are one shape).
                var signed = token[i] is '-' or '+' && i + 1 < token.Length && char.IsDigit(token[i + 1])
                    && (i == 0 || !char.IsLetterOrDigit(token[i - 1]));
                if (!signed)
                {
                    scratch.Append(token[i]);
                }

                i++;
                continue;
            }

            var start = i;
            var hasDigit = false;
            while (i < token.Length && char.IsLetterOrDigit(token[i]))
            {
                hasDigit |= char.IsDigit(token[i]);
                i++;
            }

            if (hasDigit)
            {
                AppendWildcard(scratch);
            }
            else
            {
                scratch.Append(token[start..i]);
            }
        }

        return table.Intern(scratch.Span);
    }

    /// <summary>Adds a wildcard, absorbing a variable it directly continues across <c>. : -</c>.</summary>
    private static void AppendWildcard(MaskBuffer scratch)
    {
        var n = scratch.Length;
        if (n >= 4 && scratch[n - 1] is '.' or ':' or '-' && EndsWithWildcard(scratch, n - 1))
        {
            scratch.Truncate(n - 1);
            return;
        }

        if (EndsWithWildcard(scratch, n))
        {
            return;
        }

        scratch.Append(Wildcard);
    }

    private static bool EndsWithWildcard(MaskBuffer s, int end) =>
        end >= 3 && s[end - 3] == '<' && s[end - 2] == '*' && s[end - 1] == '>';

    private static bool IsPathOrUrl(ReadOnlySpan<char> token)
    {
        if (token.Contains("://", StringComparison.Ordinal))
        {
            return true;
        }

        var body = token.TrimStart("'\"([");
        return body.Length > 2 && body[0] == '/' && body[1..].IndexOfAny('/', '\\') > 0
            || body.Length > 3 && char.IsAsciiLetter(body[0]) && body[1] == ':' && body[2] == '\\';
    }
}
