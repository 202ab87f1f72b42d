namespace AiOps.Contracts;

/// <summary>Level of a log line, ordered by gravity.</summary>
public enum MessageLevel
{
    Debug = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
    Fatal = 4,
}
