namespace AiOps.Silo.Features.Warmup;

/// <summary>Whether the start-up warm-up of the Fast Path has finished, and what went wrong if it failed.</summary>
public sealed class WarmupState
{
    private volatile bool _done;

    public bool IsDone => _done;

    /// <summary>Why the warm-up failed; null while it runs and when it succeeded.</summary>
    public string? Failure { get; private set; }

    public void Done(string? failure = null)
    {
        Failure = failure;
        _done = true;
    }
}
