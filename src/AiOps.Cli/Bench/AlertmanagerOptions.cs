namespace AiOps.Cli.Bench;

/// <summary>
/// What <c>aiops bench alertmanager</c> sends: the same number of events to AiOps as alerts to Alertmanager,
/// 1,000 per request by default, with the same number of connections.
/// </summary>
public sealed record AlertmanagerOptions(
    Uri Url,
    int Events,
    int BatchSize,
    int Concurrency,
    string Binary,
    TimeSpan DrainTimeout);
