namespace AiOps.Core.Journal;

/// <summary>The journal's segment files on disk: what a restart recovers from them, and which a checkpoint deletes.</summary>
internal static class JournalSegments
{
    /// <summary>The entries past the checkpoint, in order, and the last sequence number found; torn ends are cut off.</summary>
    public static (List<JournalEntry> Entries, long LastLsn) Recover(string directory, long checkpointLsn)
    {
        var entries = new List<JournalEntry>();
        var lastLsn = 0L;
        foreach (var path in Segments(directory).Select(s => s.Path))
        {
            var (read, validLength) = JournalSegmentFormat.Read(path, checkpointLsn);
            entries.AddRange(read);
            if (new FileInfo(path).Length > validLength)
            {
                // A torn write from a crash: what follows the last whole entry was never acknowledged.
                using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
                file.SetLength(validLength);
            }

            if (read.Count > 0)
            {
                lastLsn = Math.Max(lastLsn, read[^1].Lsn);
            }
            else if (validLength > 0)
            {
                lastLsn = Math.Max(lastLsn, LastLsnOf(path));
            }
        }

        return (entries, lastLsn);
    }

    private static long LastLsnOf(string path)
    {
        var (all, _) = JournalSegmentFormat.Read(path, long.MinValue);
        return all.Count == 0 ? 0 : all[^1].Lsn;
    }

    /// <summary>Deletes the segments that hold nothing past the checkpoint; the newest is never deleted.</summary>
    public static void DeleteCheckpointed(string directory, long checkpointLsn)
    {
        var segments = Segments(directory);
        // A segment is done when the next one starts at or before the checkpoint + 1; the newest is never deleted.
        for (var i = 0; i + 1 < segments.Count; i++)
        {
            if (segments[i + 1].FirstLsn - 1 <= checkpointLsn)
            {
                File.Delete(segments[i].Path);
            }
        }
    }

    private static List<(string Path, long FirstLsn)> Segments(string directory) =>
        Directory.EnumerateFiles(directory, "*" + JournalSegmentFormat.Extension)
            .Select(path => (Path: path, FirstLsn: JournalSegmentFormat.FirstLsnOf(path)))
            .Where(s => s.FirstLsn is not null)
            .Select(s => (s.Path, s.FirstLsn!.Value))
            .OrderBy(s => s.Item2)
            .ToList();
}
