namespace AiOps.Core.Logs;

/// <summary>A reusable character buffer for masking one token without allocating.</summary>
public sealed class MaskBuffer
{
    private char[] _chars = new char[128];

    public int Length { get; private set; }

    public char this[int index] => _chars[index];

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Truncate(int length) => Length = length;

    public void Append(char c)
    {
        Grow(1);
        _chars[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        Grow(text.Length);
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    public void Append(string text) => Append(text.AsSpan());

    private void Grow(int extra)
    {
        if (Length + extra > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + extra));
        }
    }
}
