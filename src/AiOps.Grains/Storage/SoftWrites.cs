namespace AiOps.Grains.Storage;

/// <summary>
/// Writes of a grain's state that also carry its soft changes: counts whose loss in a crash costs little (storm
/// detection, rate limits), so they are noted in memory and go with the grain's next write, or when it deactivates.
/// </summary>
internal sealed class SoftWrites<T>(IPersistentState<T> state)
{
    private bool _unwritten;

    /// <summary>A soft change was made: it is written with the next write.</summary>
    public void Changed(bool changed = true) => _unwritten |= changed;

    public async Task WriteAsync()
    {
        await state.WriteStateAsync();
        _unwritten = false;
    }

    /// <summary>Writes what is still unwritten as the grain deactivates, unless it deactivates for an error in its state.</summary>
    public Task OnDeactivateAsync(DeactivationReason reason) =>
        _unwritten && reason.ReasonCode != DeactivationReasonCode.ApplicationError ? WriteAsync() : Task.CompletedTask;
}
