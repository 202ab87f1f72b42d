using AiOps.Integration.Tests.Support;
using AiOps.Silo.Features.Ingest;

namespace AiOps.Integration.Tests.Api;

/// <summary>The pooled request body: what was read is what it holds, however the reads fall and it grows.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class RentedBodyTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(4096, 4096)]
    [InlineData(10, 7)]
    [InlineData(300_000, 65_536)]
    [InlineData(1, 1_000)]
    public void Reads_of_any_size_into_any_first_capacity_keep_every_byte_in_order(int firstCapacity, int readSize)
    {
        var source = new byte[1_000_003];
        new Random(7).NextBytes(source);
        using var body = new RentedBody(firstCapacity);

        for (var at = 0; at < source.Length;)
        {
            var room = body.FreeSpace();
            Assert.False(room.IsEmpty);
            var count = Math.Min(Math.Min(readSize, room.Length), source.Length - at);
            source.AsSpan(at, count).CopyTo(room.Span);
            body.Advance(count);
            at += count;
        }

        Assert.Equal(source.Length, body.Length);
        Assert.True(source.AsSpan().SequenceEqual(body.Memory.Span));
    }

    [Fact]
    public void A_body_given_back_cannot_be_read_by_mistake()
    {
        var body = new RentedBody(16);
        body.Dispose();
        body.Dispose(); // twice is harmless

        Assert.Throws<ObjectDisposedException>(() => body.Memory);
        Assert.Throws<ObjectDisposedException>(() => body.FreeSpace());
    }
}
