using System.Diagnostics;

namespace AiOps.Cli;

/// <summary>
/// Progress of a long command on the error stream, at most one line per interval, so stdout keeps only the
/// result a script reads. A null writer reports nothing (the commands' library callers).
/// </summary>
public sealed class ProgressLine(TextWriter? writer, TimeSpan every)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;

    public ProgressLine(TextWriter? writer)
        : this(writer, TimeSpan.FromSeconds(1))
    {
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Writes the line if the interval has passed since the last one; the text is built only then.</summary>
    public void Report(Func<string> line)
    {
        if (writer is null || (_last is { } last && _clock.Elapsed - last < every))
        {
            return;
        }

        _last = _clock.Elapsed;
        writer.WriteLine(line());
    }

    /// <summary>Writes the line whatever the interval (a step finished).</summary>
    public void Now(string line)
    {
        _last = _clock.Elapsed;
        writer?.WriteLine(line);
    }
}
