namespace AiOps.Core.Insight;

/// <summary>A document in a vector index: its id, its embedding and what to show when it is found.</summary>
public sealed record VectorDocument(string Id, ReadOnlyMemory<float> Vector, IReadOnlyDictionary<string, string> Payload);
