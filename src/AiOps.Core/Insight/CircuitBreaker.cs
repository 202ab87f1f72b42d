using AiOps.Core.Policy;

namespace AiOps.Core.Insight;

/// <summary>
/// Stops calling a failing model: opens after <c>failure_threshold</c> failures in a row, stays open for
/// <c>timeout_sec</c>, then lets <c>half_open_requests</c> trial calls through; a success closes it, a failure
/// opens it again.
/// </summary>
public sealed class CircuitBreaker(CircuitBreakerSettings settings, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private int _failures;
    private int _trials;
    private DateTimeOffset _openUntil;

    public string State { get; private set; } = "closed";

    /// <summary>True while the circuit is open and its timeout has not run out: no call would be let through.</summary>
    public bool Refusing
    {
        get
        {
            lock (_gate)
            {
                return State == "open" && clock.GetUtcNow() < _openUntil;
            }
        }
    }

    public bool AllowRequest()
    {
        lock (_gate)
        {
            if (State == "open" && clock.GetUtcNow() >= _openUntil)
            {
                State = "half_open";
                _trials = 0;
            }

            if (State == "half_open")
            {
                return _trials++ < settings.HalfOpenRequests;
            }

            return State == "closed";
        }
    }

    public void OnSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            State = "closed";
        }
    }

    public void OnFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (State == "half_open" || _failures >= settings.FailureThreshold)
            {
                State = "open";
                _openUntil = clock.GetUtcNow().AddSeconds(settings.TimeoutSec);
                _failures = 0;
            }
        }
    }
}
