namespace AiOps.Core.Storage;

/// <summary>
/// A grain state that can say what changed since it was last loaded or saved, so that a storage able to append
/// (the embedded file storage) writes the change instead of the whole state. A storage that cannot append writes
/// the state whole and ignores this.
/// </summary>
public interface IIncrementalState
{
    /// <summary>
    /// What changed since <see cref="ChangesSaved"/> was last called, as a serializable value that
    /// <see cref="ApplyChanges"/> replays on the state as it was then; null when that is no longer known (so many
    /// changes that the state stopped counting them, which bounds the memory of a storage that never saves
    /// incrementally): the state is then written whole.
    /// </summary>
    object? TakeChanges();

    /// <summary>Replays changes taken from another instance that held the same state as this one.</summary>
    void ApplyChanges(object changes);

    /// <summary>Starts counting changes afresh: what is in memory is now what is stored.</summary>
    void ChangesSaved();
}
