using AiOps.Core.Ingest;

namespace AiOps.Core.Tests.Ingest;

/// <summary>The character rules of names and ship ids, checked against every UTF-16 code unit.</summary>
public sealed class FieldRulesTests
{
    [Fact]
    public void A_name_refuses_exactly_the_control_characters()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            Assert.True(!char.IsControl((char)c) == FieldRules.IsName($"a{(char)c}b"), $"U+{c:X4}");
        }
    }

    [Fact]
    public void A_ship_id_takes_exactly_ascii_letters_digits_dash_underscore_and_dot_after_normalising()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var normal = (char)c switch { ' ' => '_', '/' => '-', var other => char.ToLowerInvariant(other) };
            var expected = char.IsAsciiLetterOrDigit(normal) || normal is '-' or '_' or '.';
            Assert.True(expected == FieldRules.IsShipId($"a{(char)c}b"), $"U+{c:X4}");
        }
    }
}
