namespace AiOps.Integration.Tests.Support;

/// <summary>
/// A test on the loghub template development set (eight samples, ground truth and scorer), which lives beside
/// the repository in <c>../shared/loghub</c> or where <c>AIOPS_LOGHUB_DIR</c> says: skipped, with the reason,
/// where it or python3 is absent.
/// </summary>
public sealed class RequiresLoghubFactAttribute : FactAttribute
{
    public RequiresLoghubFactAttribute()
    {
        if (Directory is null)
        {
            Skip = "the loghub development set is not beside this checkout (../shared/loghub); set AIOPS_LOGHUB_DIR to its folder to run the template score test";
        }
        else if (!File.Exists("/usr/bin/python3"))
        {
            Skip = "/usr/bin/python3 is not installed; the template scorer is a Python script";
        }
    }

    /// <summary>The folder holding <c>data/</c> and <c>score_templates.py</c>, or null.</summary>
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("AIOPS_LOGHUB_DIR");
        var candidate = string.IsNullOrEmpty(configured) ? Path.Combine(RepoPaths.Root, "..", "shared", "loghub") : configured;
        return File.Exists(Path.Combine(candidate, "score_templates.py")) && System.IO.Directory.Exists(Path.Combine(candidate, "data"))
            ? Path.GetFullPath(candidate)
            : null;
    }
}
