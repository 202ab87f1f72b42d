using System.Text;
using System.Text.RegularExpressions;
using Tomlyn.Model;
using AiOps.Core.Ingest;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Deployment;

/// <summary>deploy/vector/vector.toml (parsed as TOML) publishes each event once, what the silos take, where they take it.</summary>
[Trait(TestCategory.Name, TestCategory.Deployment)]
public sealed partial class VectorConfigTests
{
    private static readonly VectorConfig Config = VectorConfig.Shipped;

    [Fact]
    public void Each_event_takes_one_sink_path_into_jetstream()
    {
        // Every event a remap makes goes to exactly one sink: two paths (say HTTP ingest and NATS) would process it twice.
        Assert.All(Config.Transforms.Keys.Where(t => (string)Config.Transforms[t]["type"] == "remap"),
            transform => Assert.Single(Config.SinksOf(transform)));
        Assert.All(Config.Sinks.Values, sink =>
        {
            Assert.Equal("nats", sink["type"]);
            Assert.Equal(true, sink["jetstream"]); // stored in the stream before Vector lets the event go
            Assert.Equal("json", ((TomlTable)sink["encoding"])["codec"]);
        });
    }

    [Fact]
    public void The_nats_sinks_publish_to_the_subjects_the_silos_consume()
    {
        var consumed = new AiOps.Infrastructure.Ingest.NatsIngestOptions().Subjects;
        Assert.NotEmpty(Config.Sinks);
        foreach (var subject in Config.Sinks.Values.Select(s => (string)s["subject"]))
        {
            var prefix = subject[..subject.IndexOf("{{", StringComparison.Ordinal)];
            Assert.Contains(consumed, c => c.EndsWith(".>", StringComparison.Ordinal) && prefix.StartsWith(c[..^1], StringComparison.Ordinal));
        }

        // Metric samples go where the consumer parses metrics (telemetry.metrics.), logs anywhere else.
        Assert.StartsWith("telemetry.metrics.", (string)Assert.Single(Config.SinksOf("metrics").Select(n => Config.Sinks[n]))["subject"]);
        Assert.StartsWith("logs.", (string)Assert.Single(Config.SinksOf("logs").Select(n => Config.Sinks[n]))["subject"]);
    }

    [Theory]
    [InlineData("transforms.logs", false)]
    [InlineData("transforms.metrics", true)]
    public void Each_remap_emits_exactly_fields_the_contract_accepts_with_a_uuid_tracking_id(string transform, bool metric)
    {
        var source = Config.RemapSource(transform[(transform.IndexOf('.') + 1)..]);
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

    [GeneratedRegex(@"^\s*""(?<key>[a-z_]+)"":", RegexOptions.Multiline)]
    private static partial Regex ObjectKey();
}
