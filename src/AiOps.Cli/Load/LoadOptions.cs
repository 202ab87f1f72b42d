namespace AiOps.Cli.Load;

/// <summary>What <c>aiops load</c> sends: how many events, how fast, in what batches, how many anomalous.</summary>
public sealed record LoadOptions(
    Uri Url,
    int Events,
    int Rate,
    int BatchSize,
    int Concurrency,
    int AnomalyEvery,
    int Ships,
    int Services,
    TimeSpan DrainTimeout);
