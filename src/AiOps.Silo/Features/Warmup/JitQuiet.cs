using System.Diagnostics;
using System.Runtime;

namespace AiOps.Silo.Features.Warmup;

/// <summary>
/// Waits, after the warm-up, until the JIT has stopped compiling for a while: the tiered JIT recompiles the start's
/// hot code in the background, and a first event that arrives meanwhile shares the machine's cores with it (on two
/// cores that made it slower by half or more). Bounded: a host that keeps compiling becomes ready after
/// <c>maxWait</c> anyway.
/// </summary>
public static class JitQuiet
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    // Three polls in a row without a method compiled: long enough to see past the tiered JIT's own pauses.
    private const int QuietPolls = 3;

    /// <summary>Returns how long it waited.</summary>
    public static async Task<TimeSpan> WaitAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var last = JitInfo.GetCompiledMethodCount();
        var quiet = 0;
        while (quiet < QuietPolls && Stopwatch.GetElapsedTime(started) < maxWait)
        {
            // Real time, whatever clock the host runs on: this waits for the process's own JIT.
            await Task.Delay(Poll, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }

        return Stopwatch.GetElapsedTime(started);
    }
}
