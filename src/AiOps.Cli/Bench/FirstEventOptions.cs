namespace AiOps.Cli.Bench;

/// <param name="Host">The host to start for each run: a built <c>AiOps.Silo.dll</c> or a published <c>AiOps.Silo</c>.</param>
/// <param name="Runs">Fresh starts to measure.</param>
/// <param name="ReadyTimeout">How long a start may take before the run fails.</param>
public sealed record FirstEventOptions(string Host, int Runs, TimeSpan ReadyTimeout);
