using AiOps.Core.Incidents;
using AiOps.Infrastructure.Storage;
using AiOps.Integration.Tests.Support;
using Orleans.Serialization;
using Orleans.Storage;

namespace AiOps.Integration.Tests.Grains;

[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class FileGrainStorageTests
{
    private static readonly Serializer Serializer = StateHolder<IncidentState>.Serializer;


    private static (FileGrainStorage Storage, string Root) NewStorage()
    {
        var root = Path.Combine(Path.GetTempPath(), "aiops-storage-" + Guid.NewGuid().ToString("N"));
        return (new FileGrainStorage(root, Serializer), root);
    }

    [Fact]
    public async Task State_written_by_one_instance_is_read_back_by_another()
    {
        var (storage, root) = NewStorage();
        var id = GrainId.Create("incident", "INC-1/with:odd chars");
        var written = new StateHolder<IncidentState> { State = new IncidentState { Exists = true, IncidentId = "INC-1", AnomalyCount = 3 } };

        await storage.WriteStateAsync("incident", id, written);
        var read = new StateHolder<IncidentState>();
        await new FileGrainStorage(root, Serializer).ReadStateAsync("incident", id, read);

        Assert.True(read.RecordExists);
        Assert.Equal(3, read.State.AnomalyCount);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_stale_etag_is_refused_so_no_update_is_lost()
    {
        var (storage, _) = NewStorage();
        var id = GrainId.Create("incident", "INC-2");
        var first = new StateHolder<IncidentState> { State = new IncidentState { AnomalyCount = 1 } };
        await storage.WriteStateAsync("incident", id, first);
        var stale = new StateHolder<IncidentState> { State = new IncidentState { AnomalyCount = 9 }, ETag = first.ETag };
        await storage.WriteStateAsync("incident", id, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("incident", id, stale));
    }

    // Bytes written by the storage before it moved from AiOps.Grains to AiOps.Infrastructure: the move must not
    // change what a state file holds, or boxes would lose their incidents on upgrade.
    private const string StoredBeforeTheMove = "20E8001D410D676F6C64656EE0";

    [Fact]
    public void A_state_file_written_before_the_storage_moved_projects_reads_the_same()
    {
        var bytes = Serializer.SerializeToArray(new StoredState<string>(7, "golden"));
        Assert.Equal(StoredBeforeTheMove, Convert.ToHexString(bytes));
        var stored = FileGrainStorage.Decode<string>(Serializer, Convert.FromHexString(StoredBeforeTheMove));
        Assert.Equal((7L, "golden"), (stored.Version, stored.State));
    }

    [Fact]
    public async Task State_written_before_the_version_header_existed_is_read_and_updated()
    {
        var (storage, root) = NewStorage();
        var id = GrainId.Create("incident", "INC-4");
        var written = new StateHolder<IncidentState> { State = new IncidentState { AnomalyCount = 5 } };
        await storage.WriteStateAsync("incident", id, written);
        // The older format: the serialized state alone, without the 16-byte header in front of it.
        var file = Directory.GetFiles(root, "*.bin", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(file, File.ReadAllBytes(file)[16..]);

        var read = new StateHolder<IncidentState>();
        await storage.ReadStateAsync("incident", id, read);
        Assert.Equal(5, read.State.AnomalyCount);
        Assert.Equal(written.ETag, read.ETag);
        read.State.AnomalyCount = 6;
        await storage.WriteStateAsync("incident", id, read);
        var stale = new StateHolder<IncidentState> { State = new IncidentState(), ETag = written.ETag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("incident", id, stale));
        var again = new StateHolder<IncidentState>();
        await storage.ReadStateAsync("incident", id, again);
        Assert.Equal(6, again.State.AnomalyCount);
    }

    [Fact]
    public async Task Missing_state_reads_as_absent_and_clear_removes_it()
    {
        var (storage, _) = NewStorage();
        var id = GrainId.Create("incident", "INC-3");
        var state = new StateHolder<IncidentState> { State = new IncidentState() };

        await storage.ReadStateAsync("incident", id, state);
        Assert.False(state.RecordExists);
        await storage.WriteStateAsync("incident", id, state);
        await storage.ClearStateAsync("incident", id, state);
        var again = new StateHolder<IncidentState> { State = new IncidentState() };
        await storage.ReadStateAsync("incident", id, again);

        Assert.False(again.RecordExists);
    }
}
