using System.Globalization;
using System.Text.RegularExpressions;
using AiOps.Cli.Detect;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Cli;

[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class DetectCommandTests
{
    [Fact]
    public void Detect_writes_one_result_csv_per_input_at_the_same_relative_path()
    {
        var input = Path.Combine(Path.GetTempPath(), "aiops-detect-in-" + Guid.NewGuid().ToString("N"));
        var output = Path.Combine(Path.GetTempPath(), "aiops-detect-out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(input, "category"));
        var lines = new List<string> { "timestamp,value" };
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 500; i++)
        {
            var value = i == 450 ? 500.0 : 100 + (i % 5);
            lines.Add($"{start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{value}");
        }

        File.WriteAllLines(Path.Combine(input, "category", "series.csv"), lines);
        var log = new StringWriter();

        var exit = DetectCommand.Run(input, output, Path.Combine(AppContext.BaseDirectory, "policies"), log);

        Assert.Equal(0, exit);
        var result = File.ReadAllLines(Path.Combine(output, "category", "series.csv"));
        Assert.Equal("timestamp,is_anomaly,anomaly_score", result[0]);
        Assert.Equal(501, result.Length);
        Assert.Equal(lines.Skip(1).Select(l => l.Split(',')[0]), result.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(result.Skip(1), row => Assert.Matches("^[^,]+,[01],[0-9.]+$", row));
        // After the detector's warm-up (300 points), the spike is the one anomaly.
        Assert.StartsWith("1,", string.Join(',', result[451].Split(',').Skip(1)));
        Assert.Single(result.Skip(1), row => row.Split(',')[1] == "1");
        Assert.Contains("1 files, 500 points", log.ToString());
    }

    [RequiresNabFact]
    [Trait(TestNeeds.Name, TestNeeds.Dataset)]
    public async Task The_shipped_detector_scores_at_least_70_on_the_NAB_development_subset()
    {
        // README's figure is 70.4 (the C# detector and the Python prototype agree to the third decimal); 70 is
        // issue 15's floor for the whole set. Binary decisions, standard profile, no sweep.
        var nab = RequiresNabFactAttribute.Directory!;
        var output = Path.Combine(Path.GetTempPath(), "aiops-nab-" + Guid.NewGuid().ToString("N"));

        var exit = DetectCommand.Run(Path.Combine(nab, "data"), output, RepoPaths.Of("policies"), new StringWriter());
        var (scorerExit, report) = await ToolProcess.RunAsync(
            "/usr/bin/python3",
            $"nab_score.py \"{output}\" windows.json --column is_anomaly --data-dir data --profile standard",
            nab);

        Assert.Equal(0, exit);
        Assert.True(scorerExit == 0, report);
        var score = double.Parse(Regex.Match(report, @"score=\s*(-?[0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(score >= 70, $"NAB standard score {score}: {report}");
    }
}
