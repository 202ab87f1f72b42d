namespace AiOps.Benchmarks;

/// <summary>The shipped <c>policies/</c> folder, found above the benchmark's output folder.</summary>
internal static class PolicyFiles
{
    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policies");
            if (File.Exists(Path.Combine(candidate, "detect.yaml")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("policies/detect.yaml not found above " + AppContext.BaseDirectory);
    }
}
