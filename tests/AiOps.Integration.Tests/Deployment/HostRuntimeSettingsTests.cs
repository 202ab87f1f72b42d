using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>
/// The runtime settings the host's measured throughput and start depend on are in its runtimeconfig, which every way
/// of starting it reads (<c>dotnet run</c>, the dll, publish, the container, the ship's box bundle).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class HostRuntimeSettingsTests
{
    [Theory]
    [InlineData("System.GC.Server", "true")]
    [InlineData("System.GC.DynamicAdaptationMode", "0")]
    [InlineData("System.Runtime.TieredPGO", "false")]
    [InlineData("System.Runtime.TieredCompilation.CallCountingDelayMs", "0")]
    public void The_host_runtimeconfig_sets(string name, string expected)
    {
        // Copied beside the tests from the host's build (a referenced executable brings its runtimeconfig).
        var path = Path.Combine(AppContext.BaseDirectory, "AiOps.Silo.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty(name, out var value), $"{name} is not in {path}");
        Assert.Equal(expected, value.ToString().ToLowerInvariant());
    }
}
