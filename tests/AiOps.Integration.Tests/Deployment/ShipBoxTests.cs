using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>The ship's box: the systemd unit systemd itself accepts, hardened, fed by a self-contained publish.</summary>
[Trait(TestCategory.Name, TestCategory.Deployment)]
public sealed partial class ShipBoxTests
{
    private static readonly string UnitPath = RepoPaths.Of("deploy", "systemd", "aiops.service");
    private static readonly string Unit = File.ReadAllText(UnitPath);

    [RequiresToolFact("/usr/bin/systemd-analyze", "systemd")]
    [Trait(TestNeeds.Name, TestNeeds.Systemd)]
    public async Task Systemd_analyze_verifies_the_unit_without_a_complaint()
    {
        // verify also checks that ExecStart's program exists: the unit is verified as written, with only the
        // install directory pointed at a stand-in for the published host.
        var executable = Directive("ExecStart").Split(' ')[0];
        var root = Directory.CreateTempSubdirectory("aiops-unit-").FullName;
        var program = Path.Combine(root, Path.GetFileName(executable));
        await File.WriteAllTextAsync(program, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        await File.WriteAllTextAsync(Path.Combine(root, "aiops.service"), Unit.Replace(executable, program, StringComparison.Ordinal));

        var (exit, output) = await ToolProcess.RunAsync("/usr/bin/systemd-analyze", "verify ./aiops.service", root);

        Assert.True(exit == 0, output);
        Assert.True(string.IsNullOrWhiteSpace(output), $"systemd-analyze complained:\n{output}");
    }

    [Fact]
    public void The_unit_notifies_keeps_state_reads_keys_from_a_file_and_is_hardened()
    {
        Assert.Equal("notify", Directive("Type"));
        Assert.Equal("aiops", Directive("StateDirectory"));
        Assert.Equal("-/etc/aiops/aiops.env", Directive("EnvironmentFile"));
        Assert.StartsWith("/var/lib/aiops/", Environment()["AiOps__DataDirectory"], StringComparison.Ordinal);
        foreach (var (key, value) in new[]
        {
            ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("ProtectHome", "yes"), ("PrivateTmp", "yes"),
            ("PrivateDevices", "yes"), ("DynamicUser", "yes"), ("CapabilityBoundingSet", ""), ("RestrictSUIDSGID", "yes"),
        })
        {
            Assert.Equal(value, Directive(key));
        }

        Assert.DoesNotContain("MemoryDenyWriteExecute", Unit.Split('\n').Where(l => !l.StartsWith('#')).SelectMany(l => l.Split('=')));
    }

    [Fact]
    public void The_unit_runs_the_self_contained_host_that_publish_sh_builds()
    {
        var publish = File.ReadAllText(RepoPaths.Of("deploy", "systemd", "publish.sh"));
        Assert.Contains("--self-contained true", publish);
        Assert.Contains("dotnet publish src/AiOps.Silo/AiOps.Silo.csproj", publish);
        Assert.Contains("-o \"$out/opt/aiops\"", publish);
        // The runtime and AiOps precompiled as one (the first event after start hardly JIT-compiles; bench first-event).
        Assert.Contains("-p:PublishReadyToRunComposite=true", publish);
        // Composite and plain ReadyToRun images share the intermediate folders: the bundle starts from none and leaves none.
        var lines = publish.Split('\n').Select(l => l.Trim()).ToList();
        var publishLine = lines.FindIndex(l => l.StartsWith("dotnet publish", StringComparison.Ordinal));
        Assert.Equal("clean_rid_intermediates", lines[publishLine - 1]);
        Assert.Equal("clean_rid_intermediates", lines[publishLine + 1]);
        // A self-contained publish starts through the app host named after the assembly, not through `dotnet`.
        var assembly = Regex.Match(File.ReadAllText(RepoPaths.Of("src", "AiOps.Silo", "AiOps.Silo.csproj")), "<AssemblyName>(?<name>[^<]+)<").Groups["name"].Value;
        Assert.Equal($"/opt/aiops/{assembly}", Directive("ExecStart").Split(' ')[0]);
    }

    [Fact]
    public void The_unit_and_its_environment_file_set_only_keys_the_host_reads()
    {
        var example = File.ReadAllLines(RepoPaths.Of("deploy", "systemd", "aiops.env.example"))
            .Where(l => l.Contains('=') && !l.StartsWith('#')).Select(l => l[..l.IndexOf('=')]).ToList();
        Assert.Contains("Auth__Keys__admin__Hash", example);
        Assert.All(Environment().Keys.Concat(example), key => Assert.True(HostConfiguration.Reads(key), $"{key} is not read by the host"));
    }

    private static string Directive(string key) =>
        Assert.Single(Regex.Matches(Unit, $"^{key}=(?<value>.*)$", RegexOptions.Multiline)).Groups["value"].Value.Trim();

    private static Dictionary<string, string> Environment() =>
        Regex.Matches(Unit, "^Environment=(?<key>[^=]+)=(?<value>.*)$", RegexOptions.Multiline).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
}
