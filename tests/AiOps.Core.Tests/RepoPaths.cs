namespace AiOps.Core.Tests;

/// <summary>Paths in this repository, found from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Of(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AiOps.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine([dir?.FullName ?? throw new InvalidOperationException("AiOps.sln not found above the test folder"), .. parts]);
    }
}
