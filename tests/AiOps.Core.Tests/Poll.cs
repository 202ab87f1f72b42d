namespace AiOps.Core.Tests;

/// <summary>Waits for something another thread does, with a deadline rather than a fixed sleep.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string failure, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(5); // the polling interval, not a wait for the condition
        }
    }
}
