namespace AiOps.Infrastructure.Storage;

/// <summary>What a grain's state files hold: the version they reach, where the change log ends, the snapshot's size.</summary>
internal sealed record StateFiles(long Version, long LogLength, long SnapshotLength);
