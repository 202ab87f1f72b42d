using System.Diagnostics;
using System.Reflection.Emit;
using AiOps.Integration.Tests.Support;
using AiOps.Silo.Features.Warmup;

namespace AiOps.Integration.Tests.Api;

/// <summary>The warm-up's wait for a quiet JIT: bounded, and none at all when the bound is zero.</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class JitQuietTests
{
    [Fact]
    public async Task A_jit_that_keeps_compiling_delays_readiness_by_the_bound_and_no_more()
    {
        using var stop = new CancellationTokenSource();
        var compiler = Task.Run(() => CompileNewMethodsUntil(stop.Token));
        try
        {
            var waited = await JitQuiet.WaitAsync(TimeSpan.FromMilliseconds(600), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(waited >= TimeSpan.FromMilliseconds(600), $"returned after {waited.TotalMilliseconds} ms while the JIT compiled");
            // The bound plus one poll, with room for a busy 2-core machine.
            Assert.True(waited < TimeSpan.FromSeconds(5), $"returned after {waited.TotalMilliseconds} ms");
        }
        finally
        {
            await stop.CancelAsync();
            await compiler;
        }
    }

    [Fact]
    public async Task A_zero_bound_does_not_wait()
    {
        var started = Stopwatch.GetTimestamp();

        await JitQuiet.WaitAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(50));
    }

    /// <summary>A new method compiled every few milliseconds, as a host's start-up does.</summary>
    private static void CompileNewMethodsUntil(CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var method = new DynamicMethod($"jit_quiet_{n}", typeof(int), [typeof(int)]);
            var il = method.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, n);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret);
            ((Func<int, int>)method.CreateDelegate(typeof(Func<int, int>)))(n);
            stop.WaitHandle.WaitOne(5);
        }
    }
}
