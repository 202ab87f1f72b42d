using System.Collections.Concurrent;
using AiOps.Contracts.Pipeline;
using AiOps.Core.Policy;
using AiOps.Infrastructure.Notifications;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// A channel's sender that records every attempt (an entry's key is the idempotency key a receiver sees) and
/// delivers it, except that an attempt the test picks with <see cref="Holds"/> hangs until <see cref="Release"/>
/// or until the silo stops, as a send does on a silo that dies mid-send.
/// </summary>
internal sealed class ScriptedSender(string channel) : INotificationSender
{
    private readonly ConcurrentQueue<OutboxEntry> _attempts = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Channel => channel;

    public Func<OutboxEntry, bool> Holds { get; set; } = _ => false;

    public int AttemptsOf(string key) => _attempts.Count(e => e.Key == key);

    public IReadOnlyList<OutboxEntry> AttemptsFor(string shipId) => _attempts.Where(e => e.ShipId == shipId).ToList();

    public void Release() => _release.TrySetResult();

    public async Task<SendResult> SendAsync(OutboxEntry entry, NotifyPolicy policy, CancellationToken cancellation)
    {
        var held = Holds(entry);
        _attempts.Enqueue(entry);
        if (held)
        {
            await _release.Task.WaitAsync(cancellation);
        }

        return SendResult.Sent();
    }
}
