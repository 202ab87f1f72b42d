namespace AiOps.Core.Insight;

public sealed record VectorMatch(string Id, double Score, IReadOnlyDictionary<string, string> Payload);
