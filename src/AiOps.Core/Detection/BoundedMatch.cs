using System.Text.RegularExpressions;

namespace AiOps.Core.Detection;

/// <summary>
/// A policy regex applied to untrusted log text within its time budget. A match that runs out of time (a
/// pathological line, or a starved machine compiling the pattern on first use) counts as no match rather than
/// failing the whole batch: the line is then judged by its level alone.
/// </summary>
public static class BoundedMatch
{
    private static long _timeouts;

    /// <summary>Matches that ran out of time since the process started.</summary>
    public static long Timeouts => Interlocked.Read(ref _timeouts);

    public static bool IsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            Interlocked.Increment(ref _timeouts);
            return false;
        }
    }
}
