namespace AiOps.Integration.Tests.Support;

/// <summary>
/// A test on the NAB development subset (data, windows and scorer), which lives beside the repository in
/// <c>../shared/nab</c> or where <c>AIOPS_NAB_DIR</c> says: skipped, with the reason, where it is absent.
/// </summary>
public sealed class RequiresNabFactAttribute : FactAttribute
{
    public RequiresNabFactAttribute()
    {
        if (Directory is null)
        {
            Skip = "the NAB development subset is not beside this checkout (../shared/nab); set AIOPS_NAB_DIR to its folder to run the NAB score test";
        }
        else if (!File.Exists("/usr/bin/python3"))
        {
            Skip = "/usr/bin/python3 is not installed; NAB's scorer is a Python script";
        }
    }

    /// <summary>The folder holding <c>data/</c>, <c>windows.json</c> and <c>nab_score.py</c>, or null.</summary>
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("AIOPS_NAB_DIR");
        var candidate = string.IsNullOrEmpty(configured) ? Path.Combine(RepoPaths.Root, "..", "shared", "nab") : configured;
        return File.Exists(Path.Combine(candidate, "nab_score.py")) && File.Exists(Path.Combine(candidate, "windows.json"))
            ? Path.GetFullPath(candidate)
            : null;
    }
}
