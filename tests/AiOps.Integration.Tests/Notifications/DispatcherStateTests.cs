using AiOps.Contracts;
using AiOps.Contracts.Pipeline;
using AiOps.Grains.Notifications;
using AiOps.Infrastructure.Storage;
using AiOps.Integration.Tests.Grains;
using AiOps.Integration.Tests.Support;
using Orleans.Serialization;

namespace AiOps.Integration.Tests.Notifications;

/// <summary>
/// A dispatcher shard's state tells its changes, so a storm's digest is appended to, not rewritten whole per entry;
/// the changes replayed on the state as it was saved give the state as it is, in any order of operations.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class DispatcherStateTests : IDisposable
{
    private static readonly Serializer Serializer = StateHolder<DispatcherState>.Serializer;
    private static readonly DateTimeOffset Noon = new(2026, 12, 8, 12, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aiops-dispatcher-" + Guid.NewGuid().ToString("N"));


    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static OutboxEntry Entry(int i) => new()
    {
        Key = $"INC-{i}/opened/email",
        Channel = "email",
        IncidentId = $"INC-{i}",
        ShipId = $"ship-{i % 13}",
        IncidentType = "link_degradation",
        Transition = "opened",
        Severity = Severity.High,
        Status = IncidentStatus.Open,
        CreatedAt = Noon.AddSeconds(i),
    };

    private static string Describe(DispatcherState state) =>
        string.Join(" | ",
            string.Join(",", state.PendingIncidents.Order(StringComparer.Ordinal)),
            string.Join(",", state.Digest.Select(e => e.Key)),
            state.DigestStartedAt.ToString("O"),
            string.Join(",", state.Dead.Keys.Order(StringComparer.Ordinal)),
            string.Join(",", state.Gate.TransitionsPerMinute.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));

    private static DispatcherState Copy(DispatcherState state) => Serializer.Deserialize<DispatcherState>(Serializer.SerializeToArray(state))!;

    [Fact]
    public void Changes_replayed_on_the_saved_state_give_the_state_after_any_sequence_of_operations()
    {
        var random = new Random(20261208);
        var state = new DispatcherState();
        state.ChangesSaved();
        var saved = Copy(state);
        for (var step = 0; step < 2_000; step++)
        {
            var id = random.Next(40);
            switch (random.Next(7))
            {
                case 0: state.AddPending($"INC-{id}"); break;
                case 1: state.RemovePending($"INC-{id}"); break;
                case 2: state.AddToDigest(Entry(step), Noon.AddMinutes(step)); break;
                case 3: state.TakeDigest(); break;
                case 4: state.AddDead(Entry(id)); break;
                case 5: state.RemoveDead(Entry(id).Key); break;
                default: state.Gate.TransitionsPerMinute[step / 10] = step; break;
            }

            if (random.Next(4) == 0)
            {
                // A save: the changes, through the serializer as storage writes them, replayed on the saved state.
                var changes = Serializer.Deserialize<object>(Serializer.SerializeToArray(state.TakeChanges()))!;
                saved.ApplyChanges(changes);
                state.ChangesSaved();
                Assert.Equal(Describe(state), Describe(saved));
            }
        }
    }

    [Fact]
    public void Changes_stop_being_kept_once_more_changed_than_the_state_holds()
    {
        var state = new DispatcherState();
        for (var i = 0; i < 1_100; i++)
        {
            state.AddPending($"INC-{i}");
            state.RemovePending($"INC-{i}");
        }

        Assert.Null(state.TakeChanges());
        state.ChangesSaved();
        state.AddPending("INC-x");
        Assert.NotNull(state.TakeChanges());
    }

    [Fact]
    public async Task An_entry_added_to_a_large_digest_is_appended_not_rewritten_with_the_digest()
    {
        var storage = new FileGrainStorage(_root, Serializer);
        var key = GrainId.Create("notifications", "shard-3");
        var written = new StateHolder<DispatcherState>();
        await storage.ReadStateAsync("notifications", key, written);
        for (var i = 0; i < 2_000; i++)
        {
            written.State.AddToDigest(Entry(i), Noon);
        }

        await storage.WriteStateAsync("notifications", key, written);
        var snapshot = Directory.GetFiles(_root, "*.bin", SearchOption.AllDirectories).Single();
        var snapshotLength = new FileInfo(snapshot).Length;

        written.State.AddToDigest(Entry(2_000), Noon);
        written.State.AddPending("INC-2000");
        await storage.WriteStateAsync("notifications", key, written);

        Assert.Equal(snapshotLength, new FileInfo(snapshot).Length);
        Assert.InRange(new FileInfo(snapshot + ".log").Length, 1, 2_000);
        var read = new StateHolder<DispatcherState>();
        await new FileGrainStorage(_root, Serializer).ReadStateAsync("notifications", key, read);
        Assert.Equal(Describe(written.State), Describe(read.State));
        Assert.Equal(2_001, read.State.Digest.Count);

        // Taken after a restart: the digest empties on disk too.
        var taken = read.State.TakeDigest();
        await storage.WriteStateAsync("notifications", key, read);
        var after = new StateHolder<DispatcherState>();
        await new FileGrainStorage(_root, Serializer).ReadStateAsync("notifications", key, after);
        Assert.Equal(2_001, taken.Count);
        Assert.Empty(after.State.Digest);
        Assert.Equal(["INC-2000"], after.State.PendingIncidents);
    }
}
