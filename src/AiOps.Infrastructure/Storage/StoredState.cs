namespace AiOps.Infrastructure.Storage;

/// <summary>A grain's state as written to disk, with the write counter that serves as its ETag.</summary>
[GenerateSerializer]
public sealed record StoredState<T>([property: Id(0)] long Version, [property: Id(1)] T State);
