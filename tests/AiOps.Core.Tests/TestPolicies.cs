using AiOps.Core.Detection;
using AiOps.Core.Policy;

namespace AiOps.Core.Tests;

/// <summary>The policies shipped in policies/, loaded once: tests run against the real settings.</summary>
internal static class TestPolicies
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "policies");

    public static AiOpsPolicy Shipped { get; } = PolicyLoader.Load(Directory).Fleet;

    public static CompiledDetectPolicy Detect { get; } = new(Shipped.Detect, Shipped.Ingest);

    /// <summary>A copy of the shipped policy folder that a test may edit.</summary>
    public static string CopyToTemp()
    {
        var target = Path.Combine(Path.GetTempPath(), "aiops-policy-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.yaml"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }
}
