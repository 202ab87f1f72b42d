using System.Text.Json;
using AiOps.Cli.Commands;
using AiOps.Cli.PolicyTools;
using AiOps.Cli.Replay;
using AiOps.Contracts.Json;
using AiOps.Integration.Tests.Cli;
using AiOps.Integration.Tests.Scenarios;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Policy;

/// <summary><c>aiops policy validate</c> and <c>aiops replay</c>.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class CliTests(SharedHost shared)
{
    [Fact]
    public void Validate_accepts_the_shipped_policies_and_names_the_file_and_line_of_a_bad_one()
    {
        var good = new StringWriter();
        Assert.Equal(0, PolicyValidateCommand.Run(PolicyFolder.Copy(), good, TextWriter.Null));
        Assert.Contains("policy OK", good.ToString());

        var folder = PolicyFolder.Copy();
        PolicyFolder.Edit(folder, "notify.yaml", "window_min: 5", "window_min: 0");
        var errors = new StringWriter();
        Assert.Equal(1, PolicyValidateCommand.Run(folder, TextWriter.Null, errors));
        var line = File.ReadAllLines(Path.Combine(folder, "notify.yaml")).ToList().FindIndex(l => l.Contains("window_min: 0")) + 1;
        Assert.Contains($"notify.yaml:{line}: storm_detection.window_min: must be between 1 and 1440", errors.ToString());
    }

    [Fact]
    public async Task Replay_of_a_recording_reproduces_the_live_incidents()
    {
        var star = Events.Ship("replay-star");
        var sky = Events.Ship("replay-sky");
        var (logs, metrics) = ShipScenario.Build(star, sky, DateTimeOffset.UtcNow.AddHours(-3));
        using (await shared.Host.PostNdjsonAsync("/api/v3/ingest/metrics", metrics)) { }
        using (await shared.Host.PostNdjsonAsync("/api/v3/ingest/logs", logs)) { }
        var live = (await TwoShipScenarioTests.Settled(shared.Host, star, 2)).Concat(await TwoShipScenarioTests.Settled(shared.Host, sky, 2));

        // The recording interleaves both kinds in event-time order, as a file captured from the ship would.
        var file = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file, logs.Concat(metrics)
            .Select(e => JsonSerializer.Serialize(e, AiOpsJson.Options))
            .OrderBy(line => JsonDocument.Parse(line).RootElement.GetProperty("ts").GetString(), StringComparer.Ordinal));
        var replayed = await ReplayCommand.RunAsync(file, null, TimeSpan.FromMinutes(2));

        Assert.Equal(0, replayed.Rejected);
        Assert.Equal(Summaries(live), Summaries(replayed.Incidents));
        var output = new StringWriter();
        replayed.Print(output);
        Assert.Contains("4 incidents", output.ToString());
    }

    [Fact]
    public async Task Replay_through_the_command_line_streams_names_rejected_lines_and_exits_1_for_them()
    {
        var ship = Events.Ship("replay-cli");
        var file = Path.Combine(Path.GetTempPath(), $"replay-cli-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            JsonSerializer.Serialize(Events.Log(ship, "app", "pms-db", "error", "Database connection timeout after 30s"), AiOpsJson.Options),
            "",
            "{ not json",
        ]);

        var (exit, output, error) = await CommandLineTests.RunAsync(["replay", file, "--json", "--timeout-sec", "120"]);

        Assert.Equal(ExitCodes.Findings, exit);
        using var incidents = JsonDocument.Parse(output);
        Assert.Contains(incidents.RootElement.EnumerateArray(), i => i.GetProperty("ship_id").GetString() == ship);
        Assert.Contains($"{file}:3: rejected:", error);
        Assert.Contains("1 accepted, 1 rejected", error);
    }

    private static List<string> Summaries(IEnumerable<JsonElement> incidents) => incidents
        .Select(i => string.Join(" ",
            i.GetProperty("ship_id").GetString(), i.GetProperty("incident_type").GetString(), i.GetProperty("severity").GetString(),
            i.GetProperty("anomaly_count").GetInt32(), i.GetProperty("duplicate_count").GetInt32(),
            i.GetProperty("first_event_ts").GetString(), i.GetProperty("last_event_ts").GetString()))
        .Order()
        .ToList();
}
