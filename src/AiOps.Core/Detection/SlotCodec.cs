using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AiOps.Core.Detection;

/// <summary>
/// Values stored in 16 bits each (little-endian, in a byte array that Orleans writes as one raw block): code 0
/// is "unset" (NaN), code c ≥ 1 is <c>low + (c - 1) * step</c>. The range is the series' own, widened with
/// headroom when a value falls outside it, so a value is kept to half a step (at most 1/43,000 of the span
/// seen). The step is a power of two, so integer values stay exact while the range is under about 20,000.
/// The profiles and the sample window hold blends of values already seen, so they always lie inside the range.
/// </summary>
public static class SlotCodec
{
    public const ushort Unset = 0;
    private const int MaxCode = ushort.MaxValue;
    private const int Steps = MaxCode - 1;

    /// <summary>Headroom added on each side when the range widens, as a share of the values' span.</summary>
    private const double Headroom = 0.25;

    public static double Read(ReadOnlySpan<byte> slots, int index, double low, double step) =>
        Decode(ReadCode(slots, index), low, step);

    public static void Write(Span<byte> slots, int index, double value, double low, double step) =>
        WriteCode(slots, index, Encode(value, low, Scale(step)));

    /// <summary>
    /// Codes per unit of value: the inverse of the step, 0 for a zero step. The step is a power of two, so the
    /// inverse is exact and, on the per-point path, an integer subtraction of the exponent instead of a division.
    /// </summary>
    public static double Scale(double step)
    {
        if (step <= 0)
        {
            return 0;
        }

        var inverse = BitConverter.Int64BitsToDouble(0x7FE0000000000000L - BitConverter.DoubleToInt64Bits(step));
        return inverse * step == 1 ? inverse : 1 / step;
    }

    public static ushort ReadCode(ReadOnlySpan<byte> slots, int index) =>
        BitConverter.IsLittleEndian ? MemoryMarshal.Cast<byte, ushort>(slots)[index] : BinaryPrimitives.ReadUInt16LittleEndian(slots[(2 * index)..]);

    public static void WriteCode(Span<byte> slots, int index, ushort code)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, ushort>(slots)[index] = code;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(slots[(2 * index)..], code);
        }
    }

    public static double Decode(ushort code, double low, double step) =>
        code == Unset ? double.NaN : low + ((code - 1) * step);

    /// <summary>The code of <paramref name="value"/>; <paramref name="scale"/> is <see cref="Scale"/> of the step.</summary>
    public static ushort Encode(double value, double low, double scale)
    {
        if (!double.IsFinite(value))
        {
            return Unset;
        }

        return (ushort)(1 + Math.Min(Math.Max(Math.Round((value - low) * scale), 0), Steps));
    }

    /// <summary>True when <paramref name="value"/> is representable without widening the range.</summary>
    public static bool Covers(double value, double low, double step) =>
        (value >= low && value <= low + (Steps * step)) || !double.IsFinite(value);

    /// <summary>
    /// Widens the range (<paramref name="low"/>, <paramref name="step"/>) to take <paramref name="value"/>, and
    /// re-encodes the first <paramref name="count"/> slots for it. The first value sets a range of width zero.
    /// </summary>
    public static void Widen(Span<byte> slots, int count, double value, ref double low, ref double step)
    {
        if (double.IsNaN(low))
        {
            low = value;
            step = 0;
            return;
        }

        var lowest = Math.Min(low, value);
        var highest = Math.Max(low + (Steps * step), value);
        // A power-of-two step on a grid through zero: integers (and halves, quarters...) stay exact while the
        // range allows, and codes re-encoded on a later widening land on the coarser grid without drift.
        var pad = Headroom * (highest - lowest);
        var newStep = Math.Pow(2, Math.Ceiling(Math.Log2((highest - lowest + (2 * pad)) / Steps)));
        var newLow = Math.Floor((lowest - pad) / newStep) * newStep;
        for (var i = 0; i < count; i++)
        {
            var code = ReadCode(slots, i);
            if (code != Unset)
            {
                WriteCode(slots, i, Encode(Decode(code, low, step), newLow, 1 / newStep));
            }
        }

        low = newLow;
        step = newStep;
    }
}
