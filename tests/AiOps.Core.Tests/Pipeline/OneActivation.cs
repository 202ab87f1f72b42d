using System.Collections.Concurrent;

namespace AiOps.Core.Tests.Pipeline;

/// <summary>
/// Runs a test body the way an Orleans activation runs its turns: on one thread, each continuation after the
/// other. Owners that rely on that (such as <c>GroupCommitQueue</c>) are tested under it, because on the thread
/// pool a continuation may run at the same instant as the next call, which no activation ever sees.
/// </summary>
internal sealed class OneActivation : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _turns = new();

    public static Task RunAsync(Func<Task> body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var activation = new OneActivation();
            SetSynchronizationContext(activation);
            activation.Post(async _ =>
            {
                try
                {
                    await body();
                    done.TrySetResult();
                }
                catch (Exception error)
                {
                    done.TrySetException(error);
                }
                finally
                {
                    activation._turns.CompleteAdding();
                }
            }, null);
            foreach (var (callback, state) in activation._turns.GetConsumingEnumerable())
            {
                callback(state);
            }
        })
        { IsBackground = true, Name = "one-activation" };
        thread.Start();
        return done.Task;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        // A continuation that outlives the body (a fire-and-forget drain) has nothing left to observe it.
        _turns.TryAdd((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("an activation never blocks on another turn");

    public override SynchronizationContext CreateCopy() => this;
}
