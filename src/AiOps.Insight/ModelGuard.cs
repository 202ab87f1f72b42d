using AiOps.Core.Policy;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiOps.Insight;

/// <summary>
/// Every call to the model, chat and embeddings alike, goes through one Polly pipeline (<see cref="PipelineName"/>):
/// a circuit breaker (llm.yaml <c>circuit_breaker</c>) around a timeout of the call's own length (abandoned at the
/// timeout even if the call ignores its token), so a model that hangs or fails opens the circuit whichever call
/// noticed. Polly's meter and logs report the pipeline's timeouts and circuit transitions. A policy reload that
/// changes <c>circuit_breaker</c> takes effect with the next call, on a closed circuit.
/// </summary>
public sealed partial class ModelGuard
{
    public const string PipelineName = "aiops-model";

    private static readonly ResiliencePropertyKey<TimeSpan> CallTimeout = new("aiops.model.timeout");
    private static readonly ResiliencePropertyKey<bool> Unusable = new("aiops.model.unusable");

    private readonly PolicyRuntime _policy;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<ModelGuard> _logger;
    private Guarded _guarded;
    private long _openUntilTicks;
    private volatile string? _lastProblem;

    public ModelGuard(PolicyRuntime policy, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        (_policy, _clock, _loggerFactory, _logger) = (policy, clock, loggerFactory, loggerFactory.CreateLogger<ModelGuard>());
        _guarded = Build(BreakerOf(policy));
    }

    /// <summary>The pipeline of the current llm.yaml <c>circuit_breaker</c>, rebuilt (a closed circuit) when a reload changed it.</summary>
    private Guarded Current
    {
        get
        {
            var wanted = BreakerOf(_policy);
            var current = Volatile.Read(ref _guarded);
            if (current.Settings == wanted)
            {
                return current;
            }

            var rebuilt = Build(wanted);
            return Interlocked.CompareExchange(ref _guarded, rebuilt, current) == current ? rebuilt : Volatile.Read(ref _guarded);
        }
    }

    private static Breaker BreakerOf(PolicyRuntime policy)
    {
        var breaker = policy.Fleet.Llm.CircuitBreaker;
        return new Breaker(breaker.FailureThreshold, breaker.SamplingSec, breaker.TimeoutSec);
    }

    private Guarded Build(Breaker breaker)
    {
        var circuit = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder { Name = PipelineName, TimeProvider = _clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // "failure_threshold failures in a row" in Polly's terms: all of at least that many calls in the window.
                FailureRatio = 1.0,
                MinimumThroughput = breaker.FailureThreshold,
                SamplingDuration = TimeSpan.FromSeconds(breaker.SamplingSec),
                BreakDuration = TimeSpan.FromSeconds(breaker.TimeoutSec),
                StateProvider = circuit,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    null => args.Context.Properties.GetValue(Unusable, false),
                    // The caller giving up (the host stopping) says nothing about the model.
                    OperationCanceledException => !args.Context.CancellationToken.IsCancellationRequested,
                    _ => true,
                }),
                OnOpened = args =>
                {
                    Interlocked.Exchange(ref _openUntilTicks, (_clock.GetUtcNow() + args.BreakDuration).UtcTicks);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(CallTimeout, TimeSpan.FromMilliseconds(_policy.Fleet.Llm.TimeoutMs))),
            })
            .ConfigureTelemetry(_loggerFactory)
            .Build();
        return new Guarded(breaker, pipeline, circuit);
    }

    /// <summary><c>closed</c>, <c>open</c> or <c>half_open</c> (a trial call is under way), as /health reports it.</summary>
    public string BreakerState => Current.Circuit.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half_open",
        CircuitState.Isolated => "isolated",
        _ => "open",
    };

    /// <summary>True while no call would be let through: open with its break not over, or a trial call under way.</summary>
    public bool Refusing => Current.Circuit.CircuitState switch
    {
        CircuitState.Closed => false,
        CircuitState.Open => _clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks),
        _ => true,
    };

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

        var context = ResilienceContextPool.Shared.Get(what, cancellationToken);
        context.Properties.Set(CallTimeout, timeout);
        string problem;
        try
        {
            var value = await Current.Pipeline.ExecuteAsync(static async (context, state) =>
            {
                var value = await state.call(context.CancellationToken).WaitAsync(context.CancellationToken);
                context.Properties.Set(Unusable, state.usable is not null && !state.usable(value));
                return value;
            }, context, (call, usable));
            if (!context.Properties.GetValue(Unusable, false))
            {
                _lastProblem = null;
                return ModelOutcome<T>.Ok(value);
            }

            problem = "unusable answer";
        }
        catch (BrokenCircuitException)
        {
            return ModelOutcome<T>.Failed("circuit open");
        }
        catch (TimeoutRejectedException)
        {
            problem = "timeout";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            problem = "error";
            LogModelError(_logger, what, e.GetType().Name, e.Message);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        _lastProblem = $"{what}: {problem}";
        return ModelOutcome<T>.Failed(problem);
    }

    private sealed record Breaker(int FailureThreshold, int SamplingSec, int TimeoutSec);

    private sealed record Guarded(Breaker Settings, ResiliencePipeline Pipeline, CircuitBreakerStateProvider Circuit);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Model call ({What}) failed: {ErrorType}: {Problem}")]
    private static partial void LogModelError(ILogger logger, string what, string errorType, string problem);
}
