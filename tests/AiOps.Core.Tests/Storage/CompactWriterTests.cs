using System.Buffers;
using System.Text;
using AiOps.Core.Storage;

namespace AiOps.Core.Tests.Storage;

/// <summary>A string is its UTF-8 length + 1 as a variable-length integer, then its bytes, whatever its length and characters.</summary>
public sealed class CompactWriterTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("ß")]
    [InlineData("€")]
    [InlineData("🚢")]
    public void Strings_of_every_length_around_the_one_byte_length_are_written_as_the_format_says(string unit)
    {
        for (var units = 0; units <= 100; units++)
        {
            var value = string.Concat(Enumerable.Repeat(unit, units));
            var buffer = new ArrayBufferWriter<byte>();

            CompactWriter.WriteString(buffer, value);

            Assert.Equal(Expected(value), buffer.WrittenSpan.ToArray());
            var reader = new CompactReader(buffer.WrittenSpan, "a test string");
            Assert.Equal(value, reader.String());
            Assert.True(reader.AtEnd);
        }
    }

    [Fact]
    public void Null_is_a_zero_length()
    {
        var buffer = new ArrayBufferWriter<byte>();

        CompactWriter.WriteString(buffer, null);

        Assert.Equal([0], buffer.WrittenSpan.ToArray());
    }

    private static byte[] Expected(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var prefix = new List<byte>();
        var rest = (uint)bytes.Length + 1;
        while (rest >= 0x80)
        {
            prefix.Add((byte)(rest | 0x80));
            rest >>= 7;
        }

        prefix.Add((byte)rest);
        return [.. prefix, .. bytes];
    }
}
