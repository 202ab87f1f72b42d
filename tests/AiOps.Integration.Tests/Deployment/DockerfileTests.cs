using System.Text.RegularExpressions;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>No Docker engine runs here, so the Dockerfile is checked against the solution it builds.</summary>
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

    [GeneratedRegex(@"^COPY (?!--from)(?<sources>.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopyFromContext();

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex Publish();
}
