using System.Reflection;
using AiOps.Cli.Commands;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Cli;

/// <summary>
/// The <c>aiops</c> command line itself, run in-process as <c>Program</c> runs it: help per command, <c>--version</c>,
/// and the one exit-code scheme (0 ok, 1 findings, 2 usage error or unreachable host) across commands.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class CommandLineTests
{
    public static TheoryData<string, string[]> Commands => new()
    {
        { "load", ["--url", "--events", "--rate", "--batch", "--concurrency", "--drain-timeout-sec", "--scenario", "--incidents", "--max-minutes"] },
        { "bench alertmanager", ["--url", "--events", "--alertmanager", "--drain-timeout-sec"] },
        { "replay", ["<FILE.ndjson>", "--policy", "--json", "--timeout-sec"] },
        { "detect", ["--input", "--output", "--policy"] },
        { "templates", ["--input", "--output"] },
        { "policy validate", ["<DIR>"] },
        { "slo rules", ["<DIR>"] },
        { "key new", ["--name", "--role", "viewer", "engineer", "admin", "ingest"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_its_own_help_naming_its_options(string command, string[] names)
    {
        var (exit, output, error) = await RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", error);
        Assert.Contains($"aiops {command}", output);
        Assert.All(names, name => Assert.Contains(name, output));
    }

    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        var (exit, output, _) = await RunAsync(["--version"]);

        var version = typeof(AiOpsCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(version, output.Trim());
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("load --no-such-option 1")]
    [InlineData("load --events many")]
    [InlineData("load --events 0")]
    [InlineData("load --batch 0")]
    [InlineData("load --url not-a-url")]
    [InlineData("load --scenario incident-scale --events 10")]
    [InlineData("detect --input /tmp")]
    [InlineData("replay")]
    [InlineData("key new --name ops --role root")]
    [InlineData("policy validate /no/such/policy/folder")]
    [InlineData("")]
    public async Task A_usage_error_exits_2_with_the_reason_on_stderr_and_nothing_on_stdout(string line)
    {
        var (exit, output, error) = await RunAsync(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(ExitCodes.UsageOrUnreachable, exit);
        Assert.Equal("", output);
        Assert.StartsWith("aiops", error);
    }

    [Fact]
    public async Task An_unreachable_host_exits_2_and_says_so()
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";

        var (exit, _, error) = await RunAsync(["load", "--url", url, "--events", "10", "--drain-timeout-sec", "1"]);

        Assert.Equal(ExitCodes.UsageOrUnreachable, exit);
        Assert.Contains("aiops load: cannot reach the host", error);
    }

    [Fact]
    public async Task Policy_validate_exits_1_on_a_broken_policy_and_0_on_a_good_one()
    {
        var good = await RunAsync(["policy", "validate", PolicyFolder.Copy()]);
        var broken = PolicyFolder.Copy();
        PolicyFolder.Edit(broken, "notify.yaml", "window_min: 5", "window_min: 0");

        var (exit, output, error) = await RunAsync(["policy", "validate", broken]);

        Assert.Equal(ExitCodes.Ok, good.Exit);
        Assert.Contains("policy OK", good.Output);
        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Equal("", output);
        Assert.Contains("notify.yaml:", error);
        Assert.Contains("storm_detection.window_min: must be between 1 and 1440", error);
    }

    [Theory]
    [InlineData("replay x.ndjson --json", true)]
    [InlineData("replay x.ndjson --json true", true)]
    [InlineData("replay --json true x.ndjson", true)]
    [InlineData("replay x.ndjson --json false", false)]
    [InlineData("replay x.ndjson", false)]
    public void Json_is_a_flag_and_the_old_json_true_form_still_parses(string line, bool json)
    {
        var parsed = AiOpsCli.Build().Parse(line.Split(' '));

        Assert.Empty(parsed.Errors);
        Assert.Equal(json, parsed.GetValue<bool>("--json"));
        Assert.Equal("x.ndjson", parsed.GetValue<string>("FILE.ndjson"));
    }

    [Fact]
    public async Task Detect_writes_its_result_to_stdout_and_its_progress_to_stderr()
    {
        var input = Directory.CreateTempSubdirectory("aiops-cli-detect-").FullName;
        var output = Path.Combine(input, "out");
        File.WriteAllLines(Path.Combine(input, "a.csv"), ["timestamp,value", "2026-01-01 00:00:00,1", "2026-01-01 00:05:00,2"]);

        var (exit, stdout, stderr) = await RunAsync(["detect", "--input", input, "--output", output, "--policy", RepoPaths.Of("policies")]);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("detect: 1 files, 2 points", stdout);
        Assert.Contains("detect: file 1 of 1", stderr);
        Assert.True(File.Exists(Path.Combine(output, "a.csv")));
    }

    internal static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await AiOpsCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
