using System.IO.Compression;

namespace AiOps.Silo.Hosting;

/// <summary>
/// A decompressing request stream whose decoding failures become one <see cref="ContentDecodingException"/>:
/// GZip and Deflate throw <see cref="InvalidDataException"/> and Brotli <see cref="InvalidOperationException"/>,
/// types too general to map to a 400 anywhere else. Failures of the transport underneath pass through as they are.
/// </summary>
internal sealed class DecodingStream(Stream decoder, string encoding) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return decoder.Read(buffer);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            throw new ContentDecodingException(encoding, e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await decoder.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            throw new ContentDecodingException(encoding, e);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Only what the System.IO.Compression decoders throw about their input.</summary>
    private static bool IsDecodingFailure(Exception e) =>
        e is InvalidDataException
        || (e is InvalidOperationException && e.TargetSite?.DeclaringType?.Namespace == typeof(BrotliStream).Namespace);
}
