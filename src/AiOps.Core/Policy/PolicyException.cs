namespace AiOps.Core.Policy;

/// <summary>A policy file that cannot be used, with the file, key and line a person needs to fix it.</summary>
public sealed class PolicyException(string file, string keyPath, int? line, string problem)
    : Exception($"{file}{(line is null ? "" : $":{line}")}: {(keyPath.Length == 0 ? "" : $"{keyPath}: ")}{problem}")
{
    public string File { get; } = file;
    public string KeyPath { get; } = keyPath;
    public int? Line { get; } = line;
    public string Problem { get; } = problem;
}
