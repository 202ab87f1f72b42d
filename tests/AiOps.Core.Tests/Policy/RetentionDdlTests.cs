using System.Text.RegularExpressions;

namespace AiOps.Core.Tests.Policy;

/// <summary>The ClickHouse DDL keeps each table exactly as long as retention.yaml says.</summary>
public sealed partial class RetentionDdlTests
{
    private static readonly string Ddl = File.ReadAllText(RepoPaths.Of("deploy", "clickhouse", "init.sql"));

    [Fact]
    public void Every_table_has_a_tracking_id_and_the_ttl_of_retention_yaml()
    {
        var retention = TestPolicies.Shipped.Retention;
        var expected = new Dictionary<string, (int, string)>
        {
            ["logs"] = (retention.LogsDays, "DAY"),
            ["metrics"] = (retention.MetricsDays, "DAY"),
            ["anomalies"] = (retention.IncidentsDays, "DAY"),
            ["incidents"] = (retention.IncidentsDays, "DAY"),
            ["traces"] = (retention.TracesHours, "HOUR"),
            ["summaries"] = (retention.SummariesDays, "DAY"),
            ["llm_cache"] = (retention.LlmCacheMinutes, "MINUTE"),
        };

        var tables = Table().Matches(Ddl).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value);

        Assert.Equal(expected.Keys.Order(), tables.Keys.Order());
        foreach (var (table, (amount, unit)) in expected)
        {
            var ttl = Ttl().Match(tables[table]);
            Assert.True(ttl.Success, $"{table} has no TTL");
            Assert.Equal($"{amount} {unit}", $"{ttl.Groups["amount"].Value} {ttl.Groups["unit"].Value}");
            if (table != "llm_cache" && table != "summaries")
            {
                Assert.Contains("tracking_id", tables[table]);
            }
        }
    }

    [Fact]
    public void Codecs_follow_the_compression_settings()
    {
        var compression = TestPolicies.Shipped.Retention.Compression;
        var tables = Table().Matches(Ddl).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value);

        Assert.Contains($"CODEC({compression["logs"]}", tables["logs"]);
        Assert.Contains($"CODEC({compression["metrics"]}", tables["metrics"]);
    }

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS aiops\.(?<name>\w+)(?<body>.*?);", RegexOptions.Singleline)]
    private static partial Regex Table();

    [GeneratedRegex(@"TTL .*?\+ INTERVAL (?<amount>\d+) (?<unit>DAY|HOUR|MINUTE)")]
    private static partial Regex Ttl();
}
