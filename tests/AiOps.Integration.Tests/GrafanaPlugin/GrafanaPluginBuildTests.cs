using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.GrafanaPlugin;

/// <summary>
/// The Operations Console plugin's own toolchain, run from the solution's test command: npm ci, type check,
/// lint, the production build, and its jest suite (whose counts .ci/run adds to the total, from
/// grafana-plugin/.jest-results.json).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Plugin)]
[Trait(TestNeeds.Name, TestNeeds.Npm)]
public sealed class GrafanaPluginBuildTests
{
    private static readonly string Plugin = RepoPaths.Of("grafana-plugin");

    [RequiresToolFact("/usr/bin/npm", "npm")]
    public async Task The_plugin_builds_and_its_jest_suite_passes()
    {
        if (!Directory.Exists(Path.Combine(Plugin, "node_modules")))
        {
            await RunAsync("npm", "ci --no-audit --no-fund");
        }

        await RunAsync("npm", "run typecheck");
        await RunAsync("npm", "run lint");
        await RunAsync("npm", "run build");
        var results = Path.Combine(Plugin, ".jest-results.json");
        File.Delete(results);
        var (_, jestOutput) = await RunAsync("npx", $"jest --ci --maxWorkers 2 --json --outputFile {results}", allowFailure: true);

        var report = JsonDocument.Parse(await File.ReadAllTextAsync(results)).RootElement;
        var failed = report.GetProperty("testResults").EnumerateArray()
            .SelectMany(file => file.GetProperty("assertionResults").EnumerateArray())
            .Where(test => test.GetProperty("status").GetString() == "failed")
            .Select(test => test.GetProperty("fullName").GetString())
            .ToList();
        Assert.True(failed.Count == 0, $"jest failures: {string.Join("; ", failed)}\n{jestOutput}");
        Assert.True(report.GetProperty("numPassedTests").GetInt32() >= 40, "the plugin's jest suite ran");

        // The built plugin is an app whose routes reach our API through Grafana's proxy with the stored key.
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Plugin, "dist", "plugin.json"))).RootElement;
        Assert.Equal("app", manifest.GetProperty("type").GetString());
        Assert.True(File.Exists(Path.Combine(Plugin, "dist", "module.js")));
        Assert.All(manifest.GetProperty("routes").EnumerateArray(), route =>
            Assert.Contains(".SecureJsonData.apiKey", route.GetProperty("headers")[0].GetProperty("content").GetString()));
    }

    private static async Task<(int Exit, string Output)> RunAsync(string tool, string arguments, bool allowFailure = false)
    {
        var (exit, text) = await ToolProcess.RunAsync(tool, arguments, Plugin, new Dictionary<string, string> { ["CI"] = "true" });
        Assert.True(allowFailure || exit == 0, $"{tool} {arguments} exited {exit}:\n{text}");
        return (exit, text);
    }
}
