using AiOps.Core.Correlation;
using AiOps.Infrastructure.Storage;
using AiOps.Integration.Tests.Support;
using Orleans.Serialization;
using Orleans.Storage;

namespace AiOps.Integration.Tests.Grains;

/// <summary>
/// The file storage writes a state that tells its changes (the correlation state) as a log of changes beside a
/// snapshot: in proportion to the change, and read back as the state that was written, through torn records,
/// stale logs, failed writes and concurrent writers.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class IncrementalStateStorageTests : IDisposable
{
    private static readonly Serializer Serializer = StateHolder<CorrelationState>.Serializer;
    private static readonly GrainId Key = GrainId.Create("correlation", "app_degradation|ship-a");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aiops-incremental-" + Guid.NewGuid().ToString("N"));


    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private FileGrainStorage NewStorage() => new(_root, Serializer);

    private string Snapshot => Directory.GetFiles(_root, "*.bin", SearchOption.AllDirectories).Single();

    private string Log => Snapshot + ".log";

    private static void Fire(CorrelationState state, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            state.AlertIncidents[$"alert-{i:D6}"] = $"INC-{i % 7}";
            state.Correlated.Add($"T-{i:D6}", 20_000);
        }
    }

    private static async Task<StateHolder<CorrelationState>> ReadAsync(FileGrainStorage storage)
    {
        var holder = new StateHolder<CorrelationState>();
        await storage.ReadStateAsync("correlation", Key, holder);
        return holder;
    }

    /// <summary>A state written whole, then changed once, so that a log follows the snapshot.</summary>
    private static async Task<StateHolder<CorrelationState>> SnapshotAndChangeAsync(FileGrainStorage storage, int alerts, int changed)
    {
        var written = await ReadAsync(storage);
        Fire(written.State, 0, alerts);
        await storage.WriteStateAsync("correlation", Key, written);
        Fire(written.State, alerts, changed);
        await storage.WriteStateAsync("correlation", Key, written);
        return written;
    }

    [Fact]
    public async Task A_small_change_to_a_large_state_appends_only_the_change()
    {
        var storage = NewStorage();
        var written = await ReadAsync(storage);
        Fire(written.State, 0, 20_000);
        await storage.WriteStateAsync("correlation", Key, written);
        var snapshot = await File.ReadAllBytesAsync(Snapshot);

        Fire(written.State, 20_000, 10);
        await storage.WriteStateAsync("correlation", Key, written);

        Assert.Equal(snapshot, await File.ReadAllBytesAsync(Snapshot));
        Assert.InRange(new FileInfo(Log).Length, 1, 2_000);
        var read = await ReadAsync(NewStorage());
        Assert.Equal(20_010, read.State.AlertIncidents.Count);
        Assert.Equal(written.State.Correlated.Order, read.State.Correlated.Order);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_record_torn_by_a_crash_is_cut_off_and_the_next_write_follows_the_last_whole_one()
    {
        var storage = NewStorage();
        var written = await SnapshotAndChangeAsync(storage, 100, 5);
        var whole = await File.ReadAllBytesAsync(Log);
        // A crash halfway through appending the next record.
        await File.AppendAllBytesAsync(Log, whole[..(whole.Length / 2)]);

        var restarted = NewStorage();
        var read = await ReadAsync(restarted);
        Assert.Equal(105, read.State.AlertIncidents.Count);
        Assert.Equal(written.ETag, read.ETag);

        Fire(read.State, 105, 3);
        await restarted.WriteStateAsync("correlation", Key, read);
        var again = await ReadAsync(NewStorage());
        Assert.Equal(108, again.State.AlertIncidents.Count);
        Assert.Equal(read.ETag, again.ETag);
    }

    [Fact]
    public async Task The_log_is_folded_into_a_new_snapshot_once_it_outgrows_the_snapshot()
    {
        var storage = NewStorage();
        var written = await ReadAsync(storage);
        Fire(written.State, 0, 10);
        await storage.WriteStateAsync("correlation", Key, written);
        var largestLog = 0L;
        var folded = false;
        for (var write = 0; write < 400 && !folded; write++)
        {
            Fire(written.State, 10 + write * 50, 50);
            await storage.WriteStateAsync("correlation", Key, written);
            var log = File.Exists(Log) ? new FileInfo(Log).Length : 0;
            folded = log < largestLog;
            largestLog = Math.Max(largestLog, log);
        }

        Assert.True(folded, "the log never started again");
        Assert.InRange(largestLog, 256 * 1024, 2 * Math.Max(256 * 1024, new FileInfo(Snapshot).Length));
        var read = await ReadAsync(NewStorage());
        Assert.Equal(written.State.AlertIncidents.Count, read.State.AlertIncidents.Count);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_state_object_that_was_not_read_here_is_written_whole()
    {
        var storage = NewStorage();
        var first = await SnapshotAndChangeAsync(storage, 50, 5);

        // Another object with the right ETag (a grain that replaced its state): its changes are not the log's.
        var replaced = new StateHolder<CorrelationState> { ETag = first.ETag, RecordExists = true };
        Fire(replaced.State, 1_000, 3);
        await storage.WriteStateAsync("correlation", Key, replaced);

        Assert.False(File.Exists(Log));
        var read = await ReadAsync(NewStorage());
        Assert.Equal(["alert-001000", "alert-001001", "alert-001002"], read.State.AlertIncidents.Select(kv => kv.Key).Order());
    }

    [Fact]
    public async Task A_write_based_on_an_older_version_is_refused_also_after_a_restart()
    {
        var storage = NewStorage();
        var first = await ReadAsync(storage);
        Fire(first.State, 0, 10);
        await storage.WriteStateAsync("correlation", Key, first);
        var stale = await ReadAsync(storage);
        Fire(first.State, 10, 1);
        await storage.WriteStateAsync("correlation", Key, first);

        Fire(stale.State, 20, 1);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("correlation", Key, stale));
        // A restarted storage knows the version from the log, without reading the state first.
        await Assert.ThrowsAsync<InconsistentStateException>(() => NewStorage().WriteStateAsync("correlation", Key, stale));
        var fresh = NewStorage();
        Fire(first.State, 11, 1);
        await fresh.WriteStateAsync("correlation", Key, first);
        Assert.Equal(12, (await ReadAsync(NewStorage())).State.AlertIncidents.Count);
    }

    [Fact]
    public async Task A_log_left_behind_by_a_crash_after_a_new_snapshot_is_ignored()
    {
        var storage = NewStorage();
        var written = await SnapshotAndChangeAsync(storage, 10, 10);
        var oldLog = await File.ReadAllBytesAsync(Log);

        // A snapshot (written whole), then a crash before its old log was deleted.
        var replaced = new StateHolder<CorrelationState> { ETag = written.ETag, RecordExists = true };
        Fire(replaced.State, 500, 1);
        await storage.WriteStateAsync("correlation", Key, replaced);
        await File.WriteAllBytesAsync(Log, oldLog);

        var restarted = NewStorage();
        var read = await ReadAsync(restarted);
        Assert.Equal(["alert-000500"], read.State.AlertIncidents.Select(kv => kv.Key));
        Assert.Equal(replaced.ETag, read.ETag);
        Fire(read.State, 501, 1);
        await restarted.WriteStateAsync("correlation", Key, read);
        Assert.Equal(["alert-000500", "alert-000501"], (await ReadAsync(NewStorage())).State.AlertIncidents.Select(kv => kv.Key).Order());
    }

    [Fact]
    public async Task A_failed_append_leaves_the_stored_state_as_it_was_and_a_reread_state_goes_on()
    {
        var storage = NewStorage();
        var written = await SnapshotAndChangeAsync(storage, 10, 1);
        // The log cannot be written: a directory stands in its way.
        var log = Log;
        File.Delete(log);
        Directory.CreateDirectory(log);

        Fire(written.State, 11, 1);
        await Assert.ThrowsAnyAsync<Exception>(() => storage.WriteStateAsync("correlation", Key, written));
        Directory.Delete(log);

        // What a grain does after a failed write: read its state again, and carry on from it.
        var reread = await ReadAsync(storage);
        Assert.Equal(10, reread.State.AlertIncidents.Count);
        Fire(reread.State, 20, 2);
        await storage.WriteStateAsync("correlation", Key, reread);
        Assert.Equal(12, (await ReadAsync(NewStorage())).State.AlertIncidents.Count);
    }

    [Fact]
    public async Task Clearing_removes_the_snapshot_and_its_log()
    {
        var storage = NewStorage();
        var written = await SnapshotAndChangeAsync(storage, 10, 1);

        await storage.ClearStateAsync("correlation", Key, written);

        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        Assert.False((await ReadAsync(NewStorage())).RecordExists);
    }

    [Fact]
    public async Task A_log_left_by_a_crash_in_the_middle_of_a_clear_is_not_taken_by_the_next_state()
    {
        var storage = NewStorage();
        var old = await SnapshotAndChangeAsync(storage, 10, 5);
        var strayLog = await File.ReadAllBytesAsync(Log);
        var snapshot = Snapshot;
        await storage.ClearStateAsync("correlation", Key, old);
        // The crash: the snapshot went, its log stayed.
        await File.WriteAllBytesAsync(snapshot + ".log", strayLog);

        var restarted = NewStorage();
        var fresh = await ReadAsync(restarted);
        Assert.False(fresh.RecordExists);
        Fire(fresh.State, 100, 1);
        await restarted.WriteStateAsync("correlation", Key, fresh);

        Assert.Equal(["alert-000100"], (await ReadAsync(NewStorage())).State.AlertIncidents.Select(kv => kv.Key));
    }
}
