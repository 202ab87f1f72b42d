namespace AiOps.Grains.Storage;

/// <summary>
/// After a failed change, the in-memory state of a grain may hold half of it (e.g. tracking ids marked as done
/// whose effect never reached storage). Keeping that activation would make the caller's retry a no-op, so the
/// change would be lost for good: the state goes back to what storage holds, or, if storage does not answer,
/// the activation is dropped and the next call starts from storage.
/// </summary>
public static class StateRollback
{
    public static async Task RollBackAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
        }
    }
}
