using System.Buffers;
using System.Text.Json;

namespace AiOps.Core.Json;

/// <summary>
/// One JSON writer and buffer per thread, reset for each document: for hot paths that write a small document per
/// item (an alert's description, a trace), where a fresh writer and a growing buffer each time were a large share
/// of what the host allocated. A document is written and taken out without an await in between, and never while
/// another is being written on the same thread.
/// </summary>
internal static class ReusedJsonWriter
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>The thread's writer, empty; what it wrote is in <paramref name="written"/> once flushed.</summary>
    public static Utf8JsonWriter Start(out ArrayBufferWriter<byte> written)
    {
        written = _buffer ??= new ArrayBufferWriter<byte>(1024);
        written.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(written);
        writer.Reset(written);
        return writer;
    }
}
