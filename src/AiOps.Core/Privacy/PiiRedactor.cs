using System.Net;
using System.Text.RegularExpressions;
using AiOps.Core.Policy;

namespace AiOps.Core.Privacy;

/// <summary>
/// Replaces personal data and secrets in free text with markers such as <c>[email]</c>, following
/// <c>privacy.yaml</c>: which kinds to redact, and which IP ranges are guest networks.
/// </summary>
public sealed partial class PiiRedactor
{
    private readonly bool _email, _cards, _phones, _ssn, _guestIps, _secrets;
    private readonly IPNetwork[] _guestNetworks;

    public PiiRedactor(PrivacyPolicy policy)
    {
        bool On(string pattern) => policy.RedactPii && policy.PiiPatterns.Contains(pattern);
        _email = On("email_addresses");
        _cards = On("credit_cards");
        _phones = On("phone_numbers");
        _ssn = On("ssn");
        _guestIps = On("ip_addresses_guest");
        _secrets = On("secrets");
        _guestNetworks = policy.GuestNetworks.Select(n => IPNetwork.Parse(n)).ToArray();
    }

    public string Redact(string text)
    {
        // Secrets first: a token can contain digits that would otherwise look like a card or phone number.
        if (_secrets)
        {
            text = Secret().Replace(text, m => $"{m.Groups["key"].Value}{m.Groups["sep"].Value}[secret]");
            text = Bearer().Replace(text, "Bearer [secret]");
        }

        if (_email)
        {
            text = Email().Replace(text, "[email]");
        }

        if (_cards)
        {
            text = Card().Replace(text, m => Luhn(m.Value) ? "[card]" : m.Value);
        }

        if (_ssn)
        {
            text = Ssn().Replace(text, "[ssn]");
        }

        if (_guestIps)
        {
            text = Ipv4().Replace(text, m => IPAddress.TryParse(m.Value, out var ip) && _guestNetworks.Any(n => n.Contains(ip)) ? "[guest-ip]" : m.Value);
        }

        if (_phones)
        {
            // A dotted IPv4 address has the shape of a phone number; crew and device addresses are not PII.
            text = Phone().Replace(text, m => Ipv4().IsMatch(m.Value) && Ipv4().Match(m.Value).Length == m.Value.Length ? m.Value : "[phone]");
        }

        return text;
    }

    private static bool Luhn(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:\d[ -]?){12,18}\d\b")]
    private static partial Regex Card();

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b")]
    private static partial Regex Ssn();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b")]
    private static partial Regex Ipv4();

    // International (+44 20 7946 0958), North American ((555) 123-4567, 555-123-4567) shapes; bare digit runs
    // such as order numbers are not phone numbers.
    [GeneratedRegex(@"(?<![\w.])(?:\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}|\(\d{3}\)\s?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w.])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?i)(?<key>password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)(?<sep>\s*[=:]\s*)[^\s,;""']+")]
    private static partial Regex Secret();

    [GeneratedRegex(@"(?i)bearer\s+[A-Za-z0-9._~+/=-]{8,}")]
    private static partial Regex Bearer();
}
