using System.Buffers;

namespace AiOps.Core.Storage;

/// <summary>How one kind of value is written in AiOps' compact format (<see cref="CompactWriter"/>) and read back.</summary>
public interface ICompactFormat<TValue>
{
    static abstract void Write(ArrayBufferWriter<byte> buffer, TValue value);

    static abstract TValue Read(ref CompactReader reader);
}
