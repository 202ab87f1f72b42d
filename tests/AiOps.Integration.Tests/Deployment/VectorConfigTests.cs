using System.Text;
using System.Text.RegularExpressions;
using AiOps.Core.Ingest;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>deploy/vector/vector.toml sends what the ingest API takes, where it takes it.</summary>
public sealed partial class VectorConfigTests
{
    private static readonly string Config = File.ReadAllText(RepoPaths.Of("deploy", "vector", "vector.toml"));

    [Fact]
    public void The_http_sinks_post_ndjson_to_the_ingest_routes()
    {
        Assert.Contains("/api/v3/ingest/logs\"", Config);
        Assert.Contains("/api/v3/ingest/metrics\"", Config);
        Assert.Equal(2, Regex.Matches(Config, "framing.method = \"newline_delimited\"").Count);
        Assert.Equal(2, Regex.Matches(Config, "Content-Type = \"application/x-ndjson\"").Count);
    }

    [Fact]
    public void The_nats_sinks_publish_to_the_subjects_the_silos_consume()
    {
        var consumed = new AiOps.Silo.Features.Ingest.NatsIngestOptions().Subjects;
        foreach (var subject in SinkSubject().Matches(Config).Select(m => m.Groups["subject"].Value))
        {
            var prefix = subject[..subject.IndexOf("{{", StringComparison.Ordinal)];
            Assert.Contains(consumed, c => c.EndsWith(".>", StringComparison.Ordinal) && prefix.StartsWith(c[..^1], StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("transforms.logs", false)]
    [InlineData("transforms.metrics", true)]
    public void Each_remap_emits_exactly_fields_the_contract_accepts_with_a_uuid_tracking_id(string transform, bool metric)
    {
        var source = RemapSource(transform);
        var fields = ObjectKey().Matches(source[source.IndexOf(". = {", StringComparison.Ordinal)..]).Select(m => m.Groups["key"].Value).ToList();
        Assert.Contains("\"tracking_id\": uuid_v4()", source);
        Assert.Contains("ship_id", fields);

        // An event with these fields (sample values by name) must parse with no unknown or missing field.
        var sample = "{" + string.Join(",", fields.Select(f => $"\"{f}\":{SampleValue(f)}")) + "}";
        var defaults = IngestDefaults.From(AiOps.Core.Policy.PolicyLoader.Load(RepoPaths.Of("policies")).Fleet.Ingest, "ship-test", DateTimeOffset.UtcNow);
        var bytes = Encoding.UTF8.GetBytes(sample);
        var parsed = metric ? (object)MetricSampleParser.Parse(bytes, defaults) : LogMessageParser.Parse(bytes, defaults);
        Assert.NotNull(parsed);
    }

    private static string RemapSource(string transform)
    {
        var start = Config.IndexOf($"[{transform}]", StringComparison.Ordinal);
        var open = Config.IndexOf("'''", start, StringComparison.Ordinal) + 3;
        return Config[open..Config.IndexOf("'''", open, StringComparison.Ordinal)];
    }

    private static string SampleValue(string field) => field switch
    {
        "tracking_id" => $"\"{Guid.NewGuid()}\"",
        "ts" => "\"2026-11-24T18:01:05.123Z\"",
        "domain" => "\"system\"",
        "level" => "\"warning\"",
        "value" => "42.5",
        "labels" => "{\"cpu\":\"0\"}",
        "metric" => "\"cpu_usage\"",
        _ => "\"sample\"",
    };

    [GeneratedRegex(@"subject = ""(?<subject>[^""]+)""")]
    private static partial Regex SinkSubject();

    [GeneratedRegex(@"^\s*""(?<key>[a-z_]+)"":", RegexOptions.Multiline)]
    private static partial Regex ObjectKey();
}
