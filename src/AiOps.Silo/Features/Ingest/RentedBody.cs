using System.Buffers;

namespace AiOps.Silo.Features.Ingest;

/// <summary>
/// A request body read into an array rented from <see cref="ArrayPool{T}.Shared"/>, growing by doubling. Dispose
/// gives the array back: only once nothing reads <see cref="Memory"/> any more (the parsers copy what they keep).
/// </summary>
internal sealed class RentedBody(int initialCapacity) : IDisposable
{
    private byte[]? _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity + 1, 4096)); // +1: a body of exactly the given length ends without growing for the read that finds its end

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(RentedBody));

    /// <summary>Room for the next read: the unused rest of the array, doubled first when it is full.</summary>
    public Memory<byte> FreeSpace()
    {
        if (Length == Array.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Array.Length * 2);
            Array.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Array);
            _array = larger;
        }

        return Array.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
