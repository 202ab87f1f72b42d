using System.Globalization;
using System.Text;
using System.Text.Json;
using AiOps.Contracts.Json;

namespace AiOps.Core.Tests.Json;

/// <summary>The digit-by-digit timestamp text is the text of the contract's format string, for any instant and offset.</summary>
public sealed class UtcTimestampTextTests
{
    public static TheoryData<DateTimeOffset> Edges() =>
    [
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new DateTimeOffset(2026, 12, 7, 15, 25, 43, 123, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(9_999),
        new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.FromHours(14)),
        new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(-12)),
        new DateTimeOffset(999, 9, 9, 9, 9, 9, 9, TimeSpan.FromMinutes(330)),
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge_instants_render_as_the_format_string_does(DateTimeOffset value) => AssertSameText(value);

    [Fact]
    public void Random_instants_and_offsets_render_as_the_format_string_does()
    {
        var random = new Random(20261207);
        for (var i = 0; i < 20_000; i++)
        {
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
            // A day inside the range at both ends, so that any offset of up to 14 hours is a valid instant.
            var ticks = random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            AssertSameText(new DateTimeOffset(ticks, offset));
        }
    }

    private static void AssertSameText(DateTimeOffset value)
    {
        var expected = value.UtcDateTime.ToString(UtcTimestampConverter.Format, CultureInfo.InvariantCulture);

        Assert.Equal(expected, UtcTimestampConverter.Render(value));

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            UtcTimestampConverter.WriteValue(writer, value);
        }

        Assert.Equal($"\"{expected}\"", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
