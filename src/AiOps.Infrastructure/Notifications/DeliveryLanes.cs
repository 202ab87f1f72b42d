using System.Threading.Channels;
using AiOps.Core.Policy;

namespace AiOps.Infrastructure.Notifications;

/// <summary>
/// The direct deliverer's queues for one setting of <c>dispatch.direct_senders</c> and <c>direct_queue</c>: an
/// incident's offers always go to the same queue, so they are sent in order.
/// </summary>
internal sealed class DeliveryLanes
{
    private DeliveryLanes(int senders, int capacity, Channel<HandedOff>[] queues) => (Senders, Capacity, Queues) = (senders, capacity, queues);

    public int Senders { get; }

    public int Capacity { get; }

    public Channel<HandedOff>[] Queues { get; }

    public static DeliveryLanes For(NotifyDispatch dispatch)
    {
        // Wait mode, and only TryWrite: a full queue refuses the offer at once instead of dropping anything queued.
        var options = new BoundedChannelOptions(Math.Max(1, dispatch.DirectQueue / dispatch.DirectSenders)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait };
        return new DeliveryLanes(dispatch.DirectSenders, dispatch.DirectQueue,
            Enumerable.Range(0, dispatch.DirectSenders).Select(_ => Channel.CreateBounded<HandedOff>(options)).ToArray());
    }

    public bool Fits(NotifyDispatch dispatch) => Senders == dispatch.DirectSenders && Capacity == dispatch.DirectQueue;

    public Channel<HandedOff> Queue(string incidentId) => Queues[(int)((uint)Contracts.StableHash.Of(incidentId) % (uint)Queues.Length)];

    /// <summary>Refuses further offers; the queues' readers still get what they hold.</summary>
    public void Complete()
    {
        foreach (var queue in Queues)
        {
            queue.Writer.TryComplete();
        }
    }
}
