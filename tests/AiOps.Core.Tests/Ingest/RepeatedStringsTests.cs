using System.Text;
using System.Text.Json;
using AiOps.Core.Ingest;

namespace AiOps.Core.Tests.Ingest;

public sealed class RepeatedStringsTests
{
    [Fact]
    public void A_repeated_name_is_the_same_string_instance_the_second_time()
    {
        Assert.True(RepeatedStrings.TryGet("ship_id"u8, out var first));
        Assert.True(RepeatedStrings.TryGet("ship_id"u8.ToArray(), out var second));

        Assert.Equal("ship_id", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Every_answer_is_the_exact_text_of_its_bytes_whatever_shares_a_slot()
    {
        // Far more distinct strings than slots, in an order that revisits them: collisions take turns, never mix.
        var random = new Random(11);
        var texts = Enumerable.Range(0, 5_000).Select(i => $"{(char)('a' + (i % 26))}-{i}-" + new string('x', random.Next(0, 50))).ToList();
        for (var round = 0; round < 3; round++)
        {
            foreach (var text in texts.OrderBy(_ => random.Next()))
            {
                Assert.True(RepeatedStrings.TryGet(Encoding.ASCII.GetBytes(text), out var read));
                Assert.Equal(text, read);
            }
        }
    }

    [Theory]
    [InlineData("bärentatze")] // not ASCII: the caller decodes and checks it
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")] // longer than kept
    public void Text_it_does_not_keep_is_left_to_the_caller(string text)
    {
        Assert.False(RepeatedStrings.TryGet(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Invalid_utf8_is_never_answered_so_the_caller_still_reports_it()
    {
        Assert.False(RepeatedStrings.TryGet([0x61, 0xC3], out _));
        Assert.False(RepeatedStrings.TryGet([0xFF], out _));
    }

    [Fact]
    public void Empty_is_the_empty_string()
    {
        Assert.True(RepeatedStrings.TryGet([], out var empty));
        Assert.Same(string.Empty, empty);
    }

    [Fact]
    public void From_a_reader_only_raw_text_is_answered_and_escaped_text_is_left_to_the_reader()
    {
        var reader = new Utf8JsonReader("""["ship-a","ship\u002da"]"""u8);
        reader.Read();

        reader.Read();
        Assert.True(RepeatedStrings.TryGet(in reader, out var raw));
        Assert.Equal("ship-a", raw);

        reader.Read();
        Assert.False(RepeatedStrings.TryGet(in reader, out _));
        Assert.Equal("ship-a", reader.GetString());
    }
}
