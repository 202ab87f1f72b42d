using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>No Docker engine runs here, so the Dockerfile is checked against the solution it builds.</summary>
[Trait(TestCategory.Name, TestCategory.Deployment)]
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepoPaths.Of("Dockerfile"));

    [Fact]
    public void Everything_the_build_stage_copies_exists()
    {
        foreach (Match copy in CopyFromContext().Matches(Dockerfile))
        {
            foreach (var source in copy.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(File.Exists(RepoPaths.Of(source)) || Directory.Exists(RepoPaths.Of(source.TrimEnd('/'))), $"COPY {source} does not exist");
            }
        }
    }

    [Fact]
    public void It_publishes_the_host_project_of_the_solution_and_runs_its_assembly()
    {
        var project = Publish().Match(Dockerfile).Groups["project"].Value;

        Assert.True(File.Exists(RepoPaths.Of(project)), $"{project} does not exist");
        Assert.Contains(project.Replace('/', '\\'), File.ReadAllText(RepoPaths.Of("AiOps.sln")));
        Assert.Contains($"\"{Path.GetFileNameWithoutExtension(project)}.dll\"", Dockerfile);
        Assert.Contains("AiOps__PolicyDirectory=/app/policies", Dockerfile);
    }

    [Fact]
    public void The_host_runs_as_a_user_who_is_not_root_and_owns_the_data_directory()
    {
        var runtime = Dockerfile[Dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var user = Assert.Single(User().Matches(runtime)).Groups["user"].Value;

        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.True(runtime.IndexOf("USER ", StringComparison.Ordinal) < runtime.IndexOf("ENTRYPOINT", StringComparison.Ordinal), "USER comes before the entry point");
        Assert.Contains($"chown \"{user}\" /data", runtime);
        Assert.Contains("AiOps__DataDirectory=/data", runtime);
    }

    [GeneratedRegex(@"^USER (?<user>\S+)$", RegexOptions.Multiline)]
    private static partial Regex User();

    [GeneratedRegex(@"^COPY (?!--from)(?<sources>.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopyFromContext();

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex Publish();
}
