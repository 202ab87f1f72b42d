using AiOps.Infrastructure.Storage;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Grains;

[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class FileReminderTableTests
{
    private static string NewPath() =>
        Path.Combine(Path.GetTempPath(), "aiops-reminders-" + Guid.NewGuid().ToString("N"), "reminders.json");

    private static ReminderEntry Entry(GrainId grain, string name, int periodMinutes = 2) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(periodMinutes),
    };

    [Fact]
    public async Task An_upserted_row_is_read_back_and_an_update_replaces_it_with_a_new_etag()
    {
        var table = new FileReminderTable(NewPath());
        await table.Init();
        var grain = GrainId.Create("incident", "INC-1/with:odd chars");

        var first = await table.UpsertRow(Entry(grain, "insight-owed"));
        var second = await table.UpsertRow(Entry(grain, "insight-owed", periodMinutes: 5));
        await table.UpsertRow(Entry(grain, "other"));

        Assert.NotEqual(first, second);
        var row = await table.ReadRow(grain, "insight-owed");
        Assert.NotNull(row);
        Assert.Equal(second, row.ETag);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(2, (await table.ReadRows(grain)).Reminders.Count);
        Assert.Null(await table.ReadRow(grain, "missing"));
        Assert.Empty((await table.ReadRows(GrainId.Create("incident", "INC-other"))).Reminders);
    }

    [Fact]
    public async Task A_row_is_removed_only_with_its_current_etag()
    {
        var table = new FileReminderTable(NewPath());
        var grain = GrainId.Create("incident", "INC-2");
        var stale = await table.UpsertRow(Entry(grain, "insight-owed"));
        var current = await table.UpsertRow(Entry(grain, "insight-owed"));

        Assert.False(await table.RemoveRow(grain, "insight-owed", stale!));
        Assert.NotNull(await table.ReadRow(grain, "insight-owed"));
        Assert.True(await table.RemoveRow(grain, "insight-owed", current!));
        Assert.Null(await table.ReadRow(grain, "insight-owed"));
        Assert.False(await table.RemoveRow(grain, "insight-owed", current!));
    }

    [Fact]
    public async Task Rows_are_read_by_hash_range_including_a_range_that_wraps_around()
    {
        var table = new FileReminderTable(NewPath());
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("incident", $"INC-range-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "insight-owed"));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[10], hashes[30]);

        var inside = (await table.ReadRows(low, high)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order().ToList();
        Assert.Equal(hashes.Where(h => h > low && h <= high), inside);

        var wrapped = (await table.ReadRows(high, low)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order().ToList();
        Assert.Equal(hashes.Where(h => h > high || h <= low), wrapped);

        Assert.Equal(40, (await table.ReadRows(low, low)).Reminders.Count);
    }

    [Fact]
    public async Task Rows_survive_a_reload_from_the_file_and_no_temporary_file_is_left()
    {
        var path = NewPath();
        var table = new FileReminderTable(path);
        var kept = GrainId.Create("incident", "INC-kept");
        var removed = GrainId.Create("incident", "INC-removed");
        var keptETag = await table.UpsertRow(Entry(kept, "insight-owed"));
        var removedETag = await table.UpsertRow(Entry(removed, "insight-owed"));
        Assert.True(await table.RemoveRow(removed, "insight-owed", removedETag!));

        var reloaded = new FileReminderTable(path);
        await reloaded.Init();
        var row = await reloaded.ReadRow(kept, "insight-owed");

        Assert.NotNull(row);
        Assert.Equal(kept, row.GrainId);
        Assert.Equal(keptETag, row.ETag);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), row.Period);
        Assert.Null(await reloaded.ReadRow(removed, "insight-owed"));
        // ETags keep counting after a reload, so a stale one from before never matches a row written after.
        var after = await reloaded.UpsertRow(Entry(removed, "insight-owed"));
        Assert.NotEqual(removedETag, after);
        Assert.NotEqual(keptETag, after);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task A_change_appends_a_line_and_a_long_log_is_compacted_into_the_snapshot()
    {
        var path = NewPath();
        var table = new FileReminderTable(path);
        var etags = new Dictionary<GrainId, string>();
        for (var i = 0; i < 3000; i++)
        {
            var grain = GrainId.Create("incident", $"INC-{i}");
            etags[grain] = (await table.UpsertRow(Entry(grain, "insight-owed")))!;
        }

        foreach (var (grain, etag) in etags.Take(2500))
        {
            Assert.True(await table.RemoveRow(grain, "insight-owed", etag));
        }

        // Cost follows the change: the log never holds more than twice the table (or the minimum) before a snapshot.
        Assert.True(File.Exists(path), "a snapshot was written");
        Assert.InRange(File.ReadLines(path + ".log").Count(), 1, 6000);

        // A crash in the middle of an append leaves a torn line, which was never served.
        await File.AppendAllTextAsync(path + ".log", "{\"version\":999999,\"row\":{\"grain_id\":\"inci");
        var reloaded = new FileReminderTable(path);
        await reloaded.Init();
        var all = await reloaded.ReadRows(0u, 0u);
        Assert.Equal(500, all.Reminders.Count);
        Assert.All(etags.Skip(2500), pair => Assert.Contains(all.Reminders, r => r.GrainId == pair.Key && r.ETag == pair.Value));
    }
}
