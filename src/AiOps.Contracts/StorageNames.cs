namespace AiOps.Contracts;

public static class StorageNames
{
    /// <summary>The durable grain store: a local data directory on one box, Redis in a cluster.</summary>
    public const string Durable = "aiops";
}
