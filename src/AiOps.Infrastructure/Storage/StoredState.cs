namespace AiOps.Infrastructure.Storage;

/// <summary>A grain's state as written to disk, with the write counter that serves as its ETag.</summary>
// The alias names the type in the manifest; a state file never holds it (the state is read as its declared type).
[GenerateSerializer, Alias("aiops.stored-state.v1`1")]
public sealed record StoredState<T>([property: Id(0)] long Version, [property: Id(1)] T State);
