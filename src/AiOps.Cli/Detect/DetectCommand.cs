using System.Globalization;
using System.Text;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Detection;
using AiOps.Core.Policy;
using AiOps.Silo.Hosting;

namespace AiOps.Cli.Detect;

/// <summary>
/// <c>aiops detect --input DIR --output DIR</c>: runs the production metric detector (the same classes and
/// <c>policies/detect.yaml</c> settings the service grains use) over every <c>timestamp,value</c> CSV under
/// the input, one point at a time with no look-ahead, and writes <c>timestamp,is_anomaly,anomaly_score</c>
/// at the same relative path under the output. Each file is one series with fresh state.
/// </summary>
public static class DetectCommand
{
    public static int Run(string input, string output, string? policyDirectory, TextWriter log, TextWriter? progress = null)
    {
        if (!Directory.Exists(input))
        {
            throw new ArgumentException($"--input '{input}' is not a folder");
        }

        var policy = PolicyLoader.Load(policyDirectory ?? AiOpsOptions.DefaultPolicyDirectory()).Fleet;
        var compiled = new CompiledDetectPolicy(policy.Detect, policy.Ingest);
        var files = Directory.GetFiles(input, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"--input '{input}' holds no *.csv file");
        }

        var points = 0L;
        var detections = 0L;
        var line = new ProgressLine(progress);
        foreach (var (file, index) in files.Select((f, i) => (f, i)))
        {
            line.Report(() => $"detect: file {index + 1} of {files.Count}, {points} points so far");
            var relative = Path.GetRelativePath(input, file);
            var target = Path.Combine(output, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var (count, found) = DetectFile(file, target, compiled);
            points += count;
            detections += found;
        }

        log.WriteLine($"detect: {files.Count} files, {points} points, {detections} anomalies; policy {policy.Directory}");
        return 0;
    }

    private static (long Points, long Detections) DetectFile(string source, string target, CompiledDetectPolicy policy)
    {
        var series = new MetricSeries();
        var metric = Path.GetFileNameWithoutExtension(source);
        var result = new StringBuilder("timestamp,is_anomaly,anomaly_score\n");
        long points = 0, detections = 0;
        foreach (var line in File.ReadLines(source).Skip(1))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                continue;
            }

            var stamp = line[..comma];
            var ts = DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var value = double.Parse(line.AsSpan(comma + 1), CultureInfo.InvariantCulture);
            var sample = new MetricSample
            {
                TrackingId = "nab",
                Ts = ts,
                ShipId = "nab",
                Domain = Domain.System,
                Service = "nab",
                Metric = metric,
                Value = value,
            };
            var hit = MetricDetector.Detect(sample, series, policy);
            points++;
            detections += hit is null ? 0 : 1;
            result.Append(stamp).Append(hit is null ? ",0," : ",1,")
                .Append((hit?.Anomaly.Score ?? 0).ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(target, result.ToString());
        return (points, detections);
    }
}
