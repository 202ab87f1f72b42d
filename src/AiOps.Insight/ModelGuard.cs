using AiOps.Core.Insight;
using AiOps.Core.Policy;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace AiOps.Insight;

/// <summary>
/// Every call to the model, chat and embeddings alike, goes through here: refused while the circuit is open,
/// bounded by a Polly timeout pipeline (and abandoned at the timeout even if the call ignores its token), and
/// counted by the one circuit breaker, so a model that hangs or fails opens the circuit whichever call noticed.
/// </summary>
public sealed partial class ModelGuard(PolicyRuntime policy, TimeProvider clock, ILogger<ModelGuard> logger)
{
    private readonly CircuitBreaker _breaker = new(policy.Fleet.Llm.CircuitBreaker, clock);
    private volatile string? _lastProblem;

    public string BreakerState => _breaker.State;

    /// <summary>True while the circuit is open: the caller should not even prepare a model call.</summary>
    public bool Refusing => _breaker.Refusing;

    /// <summary>What went wrong with the latest model call, or null when it succeeded (or none was made).</summary>
    public string? LastProblem => _lastProblem;

    /// <summary>
    /// Calls the model within <paramref name="timeout"/>. <paramref name="usable"/> says whether an answer counts
    /// as a success (garbage is a failure for the breaker too). Never throws for the model's faults.
    /// </summary>
    public async Task<ModelOutcome<T>> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call, TimeSpan timeout,
        Func<T, bool>? usable, CancellationToken cancellationToken)
    {
        if (timeout < TimeSpan.FromMilliseconds(50))
        {
            return ModelOutcome<T>.Failed("no time left in the insight budget");
        }

        if (!_breaker.AllowRequest())
        {
            return ModelOutcome<T>.Failed("circuit open");
        }

        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(timeout).Build();
        string problem;
        try
        {
            var value = await pipeline.ExecuteAsync(async token => await call(token).WaitAsync(token), cancellationToken);
            if (usable is null || usable(value))
            {
                _breaker.OnSuccess();
                _lastProblem = null;
                return ModelOutcome<T>.Ok(value);
            }

            problem = "unusable answer";
        }
        catch (TimeoutRejectedException)
        {
            problem = "timeout";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            problem = "error";
            LogModelError(logger, what, e.GetType().Name, e.Message);
        }

        _breaker.OnFailure();
        _lastProblem = $"{what}: {problem}";
        return ModelOutcome<T>.Failed(problem);
    }

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Model call ({What}) failed: {ErrorType}: {Problem}")]
    private static partial void LogModelError(ILogger logger, string what, string errorType, string problem);
}
