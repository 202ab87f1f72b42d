using AiOps.Core.Correlation;
using AiOps.Core.Incidents;
using AiOps.Infrastructure.Storage;
using AiOps.Integration.Tests.Support;
using Orleans.Serialization;
using Orleans.Storage;

namespace AiOps.Integration.Tests.Grains;

/// <summary>
/// A state that does not tell its changes (an incident) is written as a whole-state record appended to the log
/// beside its snapshot, not as a new file renamed over the old one on every write; read back as the last state
/// written, through torn records, stale logs and restarts, and folded into a snapshot within a few pages.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class WholeStateLogTests : IDisposable
{
    private static readonly Serializer Serializer = StateHolder<IncidentState>.Serializer;
    private static readonly GrainId Key = GrainId.Create("incident", "INC-1");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aiops-whole-" + Guid.NewGuid().ToString("N"));


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

    private static async Task<StateHolder<IncidentState>> ReadAsync(FileGrainStorage storage)
    {
        var holder = new StateHolder<IncidentState>();
        await storage.ReadStateAsync("incident", Key, holder);
        return holder;
    }

    private static async Task WriteAsync(FileGrainStorage storage, StateHolder<IncidentState> holder, int anomalies)
    {
        holder.State.Exists = true;
        holder.State.IncidentId = "INC-1";
        holder.State.AnomalyCount = anomalies;
        await storage.WriteStateAsync("incident", Key, holder);
    }

    [Fact]
    public async Task Writes_after_the_first_append_to_the_log_and_leave_the_snapshot_alone()
    {
        var storage = NewStorage();
        var written = await ReadAsync(storage);
        await WriteAsync(storage, written, 1);
        var snapshot = await File.ReadAllBytesAsync(Snapshot);

        await WriteAsync(storage, written, 2);
        await WriteAsync(storage, written, 3);

        Assert.Equal(snapshot, await File.ReadAllBytesAsync(Snapshot));
        Assert.True(File.Exists(Log));
        Assert.Empty(Directory.GetFiles(_root, "*.tmp", SearchOption.AllDirectories));
        var read = await ReadAsync(NewStorage());
        Assert.Equal(3, read.State.AnomalyCount);
        Assert.Equal(written.ETag, read.ETag);
        var file = await FileGrainStorage.ReadFileAsync<IncidentState>(Serializer, Snapshot, CancellationToken.None);
        Assert.Equal(3, file!.State.AnomalyCount);
    }

    [Fact]
    public async Task The_log_is_folded_into_a_snapshot_within_a_few_pages()
    {
        var storage = NewStorage();
        var written = await ReadAsync(storage);
        var largestLog = 0L;
        var folds = 0;
        for (var write = 1; write <= 200; write++)
        {
            await WriteAsync(storage, written, write);
            var log = File.Exists(Log) ? new FileInfo(Log).Length : 0;
            folds += log < largestLog && log == 0 ? 1 : 0;
            largestLog = Math.Max(largestLog, log);
        }

        Assert.True(folds >= 2, $"the log started again {folds} times in 200 writes");
        Assert.InRange(largestLog, 1, 8 * 1024 + 2 * Math.Max(8 * 1024, new FileInfo(Snapshot).Length));
        var read = await ReadAsync(NewStorage());
        Assert.Equal(200, read.State.AnomalyCount);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_record_torn_by_a_crash_reads_as_the_write_before_it_and_the_next_write_follows()
    {
        var storage = NewStorage();
        var written = await ReadAsync(storage);
        await WriteAsync(storage, written, 1);
        await WriteAsync(storage, written, 2);
        var whole = await File.ReadAllBytesAsync(Log);
        await File.AppendAllBytesAsync(Log, whole[..(whole.Length / 2)]);

        var restarted = NewStorage();
        var read = await ReadAsync(restarted);
        Assert.Equal(2, read.State.AnomalyCount);
        Assert.Equal(written.ETag, read.ETag);

        await WriteAsync(restarted, read, 5);
        var again = await ReadAsync(NewStorage());
        Assert.Equal(5, again.State.AnomalyCount);
        Assert.Equal(read.ETag, again.ETag);
    }

    [Fact]
    public async Task A_write_based_on_an_older_version_is_refused_also_after_a_restart()
    {
        var storage = NewStorage();
        var first = await ReadAsync(storage);
        await WriteAsync(storage, first, 1);
        var stale = await ReadAsync(storage);
        await WriteAsync(storage, first, 2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, stale, 9));
        // A restarted storage knows the version from the log's records, not only from the snapshot's header.
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(NewStorage(), stale, 9));
        await WriteAsync(NewStorage(), first, 3);
        Assert.Equal(3, (await ReadAsync(NewStorage())).State.AnomalyCount);
    }

    [Fact]
    public async Task A_log_left_behind_by_a_crash_after_a_new_snapshot_is_ignored()
    {
        var storage = NewStorage();
        var written = await ReadAsync(storage);
        await WriteAsync(storage, written, 1);
        await WriteAsync(storage, written, 2);
        var oldLog = await File.ReadAllBytesAsync(Log);
        var write = 3;
        while (File.Exists(Log))
        {
            await WriteAsync(storage, written, write++); // until a snapshot folds the log
        }

        // The crash: the new snapshot was renamed into place, its old log was not deleted.
        await File.WriteAllBytesAsync(Log, oldLog);
        var restarted = NewStorage();
        var read = await ReadAsync(restarted);
        Assert.Equal(write - 1, read.State.AnomalyCount);
        Assert.Equal(written.ETag, read.ETag);
        await WriteAsync(restarted, read, 100);
        Assert.Equal(100, (await ReadAsync(NewStorage())).State.AnomalyCount);
    }

    [Fact]
    public async Task Clearing_removes_the_snapshot_and_its_log_and_a_stray_log_is_not_taken_by_the_next_state()
    {
        var storage = NewStorage();
        var old = await ReadAsync(storage);
        await WriteAsync(storage, old, 1);
        await WriteAsync(storage, old, 7);
        var strayLog = await File.ReadAllBytesAsync(Log);
        var snapshot = Snapshot;
        await storage.ClearStateAsync("incident", Key, old);
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        // A crash in the middle of a clear: the snapshot went, its log stayed.
        await File.WriteAllBytesAsync(snapshot + ".log", strayLog);

        var restarted = NewStorage();
        var fresh = await ReadAsync(restarted);
        Assert.False(fresh.RecordExists);
        await WriteAsync(restarted, fresh, 1);
        Assert.Equal(1, (await ReadAsync(NewStorage())).State.AnomalyCount);
    }

    [Fact]
    public async Task A_state_that_became_incremental_reads_whole_records_written_before_and_the_changes_after()
    {
        // Records as a storage wrote them for the state type when it did not yet tell its changes.
        var key = GrainId.Create("correlation", "app_degradation|ship-a");
        var storage = NewStorage();
        var written = new StateHolder<CorrelationState>();
        written.State.AlertIncidents["alert-1"] = "INC-1";
        await storage.WriteStateAsync("correlation", key, written);
        var whole = new CorrelationState();
        whole.AlertIncidents["alert-2"] = "INC-2";
        var log = Snapshot + ".log";
        await File.WriteAllBytesAsync(log, StateChangeLog.Record(2, Serializer.SerializeToArray(whole), wholeState: true));

        var read = new StateHolder<CorrelationState>();
        var restarted = NewStorage();
        await restarted.ReadStateAsync("correlation", key, read);
        Assert.Equal(["alert-2"], read.State.AlertIncidents.Select(kv => kv.Key));
        Assert.Equal("2", read.ETag);

        read.State.AlertIncidents["alert-3"] = "INC-3";
        await restarted.WriteStateAsync("correlation", key, read);
        var again = new StateHolder<CorrelationState>();
        await NewStorage().ReadStateAsync("correlation", key, again);
        Assert.Equal(["alert-2", "alert-3"], again.State.AlertIncidents.Select(kv => kv.Key).Order());
    }
}
