namespace AiOps.Integration.Tests.Support;

/// <summary>A private copy of the shipped policies that a test may edit while a host watches it.</summary>
internal static class PolicyFolder
{
    public static string Copy()
    {
        var target = Path.Combine(Path.GetTempPath(), "aiops-policies-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        var source = Path.Combine(AppContext.BaseDirectory, "policies");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    public static void Edit(string folder, string file, string from, string to)
    {
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    public static Dictionary<string, string?> Settings(string folder) => new() { ["AiOps:PolicyDirectory"] = folder };
}
