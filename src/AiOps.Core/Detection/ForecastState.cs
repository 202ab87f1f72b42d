using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AiOps.Core.Detection;

/// <summary>
/// What the forecast detector remembers of one series: three predictors with their typical errors, the
/// recent surprise and its long-run distribution, a slow level for drifts, the range seen so far, and the
/// refractory countdown.
/// Compact: the 24 hour-of-day and 168 hour-of-week profile slots are 16-bit codes over the series' own range
/// (<see cref="SlotCodec"/>), followed by the recent surprises as floats, all in one byte array that Orleans
/// writes as a raw block. About 570 bytes in memory and 530 serialized per series, whatever its length.
/// </summary>
[GenerateSerializer, Alias("aiops.forecast-state.v2")]
public sealed class ForecastState
{
    public const int HoursPerDay = 24;
    public const int HoursPerWeek = 168;
    public const int ProfileSlots = HoursPerDay + HoursPerWeek;
    public const int ProfileBytes = 2 * ProfileSlots;

    [Id(0)] public long Points { get; set; }
    [Id(1)] public double Level { get; set; } = double.NaN;

    /// <summary>Typical absolute error of each predictor (level, hour of day, hour of week); NaN until seen.</summary>
    [Id(2)] public double LevelError { get; set; } = double.NaN;
    [Id(3)] public double HourOfDayError { get; set; } = double.NaN;
    [Id(4)] public double HourOfWeekError { get; set; } = double.NaN;

    /// <summary>Profile codes (hour of day, then hour of week; 2 bytes each), then the recent surprises (4 bytes each).</summary>
    [Id(5)] public byte[] Slots { get; set; } = [];

    /// <summary>The profiles' range: code c ≥ 1 is <c>ProfileLow + (c - 1) * ProfileStep</c>; NaN until the first value.</summary>
    [Id(6)] public double ProfileLow { get; set; } = double.NaN;
    [Id(7)] public double ProfileStep { get; set; }

    [Id(8)] public byte RecentNext { get; set; }
    [Id(9)] public byte RecentCount { get; set; }
    [Id(10)] public double SurpriseMean { get; set; }
    [Id(11)] public double SurpriseVariance { get; set; } = 1.0;
    [Id(12)] public double DriftLevel { get; set; } = double.NaN;
    [Id(13)] public double DriftVariance { get; set; }
    [Id(14)] public int Refractory { get; set; }

    /// <summary>The lowest and highest values seen so far (the novelty channel's range); NaN until seen.</summary>
    [Id(15)] public double Lowest { get; set; } = double.NaN;
    [Id(16)] public double Highest { get; set; } = double.NaN;

    /// <summary>True from a detection until a point no longer surprises the forecast: one excursion.</summary>
    [Id(17)] public bool InExcursion { get; set; }

    /// <summary>Slots of the recent-surprise ring (the policy's <c>short_points</c> when last used).</summary>
    public int RecentCapacity => Slots.Length < ProfileBytes ? 0 : (Slots.Length - ProfileBytes) / sizeof(float);

    public double HourOfDay(int hour) => SlotCodec.Read(Slots, hour, ProfileLow, ProfileStep);

    public double HourOfWeek(int hourOfWeek) => SlotCodec.Read(Slots, HoursPerDay + hourOfWeek, ProfileLow, ProfileStep);

    public float RecentSurprise(int index) => BinaryPrimitives.ReadSingleLittleEndian(Slots.AsSpan(ProfileBytes + (sizeof(float) * index)));

    /// <summary>Makes room for <paramref name="capacity"/> recent surprises, keeping the profiles (a new ring starts empty).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (Slots.Length != ProfileBytes + (sizeof(float) * capacity))
        {
            Resize(capacity);
        }
    }

    /// <summary>The sum of the <see cref="RecentCount"/> surprises in the ring.</summary>
    public double RecentSum()
    {
        var recent = Slots.AsSpan(ProfileBytes, sizeof(float) * RecentCount);
        var sum = 0.0;
        if (BitConverter.IsLittleEndian)
        {
            foreach (var surprise in MemoryMarshal.Cast<byte, float>(recent))
            {
                sum += surprise;
            }

            return sum;
        }

        for (var i = 0; i < recent.Length; i += sizeof(float))
        {
            sum += BinaryPrimitives.ReadSingleLittleEndian(recent[i..]);
        }

        return sum;
    }

    private void Resize(int capacity)
    {
        var slots = new byte[ProfileBytes + (sizeof(float) * capacity)];
        Slots.AsSpan(0, Math.Min(Slots.Length, ProfileBytes)).CopyTo(slots);
        Slots = slots;
        RecentNext = 0;
        RecentCount = 0;
    }

    /// <summary>Stores <paramref name="value"/> in both profile slots of its hour, widening the range first if needed.</summary>
    public void SetProfiles(int hour, double daily, int hourOfWeek, double weekly, double value)
    {
        var slots = Slots.AsSpan(0, ProfileBytes);
        if (!SlotCodec.Covers(value, ProfileLow, ProfileStep))
        {
            var low = ProfileLow;
            var step = ProfileStep;
            SlotCodec.Widen(slots, ProfileSlots, value, ref low, ref step);
            ProfileLow = low;
            ProfileStep = step;
        }

        var scale = SlotCodec.Scale(ProfileStep);
        SlotCodec.WriteCode(slots, hour, SlotCodec.Encode(daily, ProfileLow, scale));
        SlotCodec.WriteCode(slots, HoursPerDay + hourOfWeek, SlotCodec.Encode(weekly, ProfileLow, scale));
    }

    public void AddRecentSurprise(double surprise)
    {
        var capacity = RecentCapacity;
        BinaryPrimitives.WriteSingleLittleEndian(Slots.AsSpan(ProfileBytes + (sizeof(float) * RecentNext)), (float)surprise);
        RecentNext = (byte)((RecentNext + 1) % capacity);
        RecentCount = (byte)Math.Min(RecentCount + 1, capacity);
    }

    /// <summary>The compact form of a state the first version persisted (profiles to 16 bits, surprises to floats).</summary>
    public static ForecastState From(LegacyForecastState legacy)
    {
        var state = new ForecastState
        {
            Points = legacy.Points,
            Level = legacy.Level,
            LevelError = At(legacy.TypicalError, 0),
            HourOfDayError = At(legacy.TypicalError, 1),
            HourOfWeekError = At(legacy.TypicalError, 2),
            SurpriseMean = legacy.SurpriseMean,
            SurpriseVariance = legacy.SurpriseVariance,
            DriftLevel = legacy.DriftLevel,
            DriftVariance = legacy.DriftVariance,
            Refractory = legacy.Refractory,
            Lowest = legacy.Lowest,
            Highest = legacy.Highest,
            InExcursion = legacy.InExcursion,
        };
        var recent = legacy.RecentSurprise;
        state.EnsureCapacity(Math.Min(recent.Length, byte.MaxValue));
        var slots = state.Slots.AsSpan(0, ProfileBytes);
        var low = double.NaN;
        var step = 0.0;
        foreach (var value in legacy.HourOfDay.Concat(legacy.HourOfWeek))
        {
            if (!SlotCodec.Covers(value, low, step))
            {
                SlotCodec.Widen(slots, 0, value, ref low, ref step);
            }
        }

        state.ProfileLow = low;
        state.ProfileStep = step;
        for (var i = 0; i < ProfileSlots; i++)
        {
            var value = i < HoursPerDay ? At(legacy.HourOfDay, i) : At(legacy.HourOfWeek, i - HoursPerDay);
            SlotCodec.WriteCode(slots, i, SlotCodec.Encode(value, low, SlotCodec.Scale(step)));
        }

        // The ring in the same order: the oldest slot is overwritten next, as before.
        if (recent.Length == state.RecentCapacity)
        {
            for (var i = 0; i < recent.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(state.Slots.AsSpan(ProfileBytes + (sizeof(float) * i)), (float)recent[i]);
            }

            state.RecentNext = (byte)legacy.RecentNext;
            state.RecentCount = (byte)legacy.RecentCount;
        }

        return state;
    }

    private static double At(double[] values, int index) => index < values.Length ? values[index] : double.NaN;
}
