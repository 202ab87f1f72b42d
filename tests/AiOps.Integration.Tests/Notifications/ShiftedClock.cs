namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// Real time that a test moves forward, so that a rate-limit minute or a lease passes without waiting it out;
/// timers still run on real time.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _shiftTicks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);
}
