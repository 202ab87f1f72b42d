using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Policy;

public sealed class PolicyLoaderTests
{
    [Fact]
    public void Shipped_policies_load_with_the_seed_values()
    {
        var policy = TestPolicies.Shipped;
        Assert.Equal("full", policy.Profile);
        Assert.Equal(85.0, policy.Detect.Thresholds["cpu_pct_high"].Value);
        Assert.Equal("below", policy.Detect.Thresholds["rf_snr_min"].Direction);
        Assert.Equal(600, policy.Correlate.WindowSecByType["link_degradation"]);
        Assert.Equal(900, policy.Correlate.DedupTtlSec);
        Assert.Equal(1800, policy.Correlate.SuppressionTtlSec);
        Assert.Equal(1, policy.Correlate.MinEventsForIncident);
        Assert.Equal(5, policy.Detect.Severity.EscalateCritical1h);
        Assert.Equal(20, policy.Detect.Severity.EscalateCritical24h);
    }

    [Fact]
    public void Unknown_key_names_file_key_and_line()
    {
        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "correlate.yaml", "dedup_ttl_sec: 900", "dedup_ttl_sec: 900\ndedup_tll_sec: 5");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("correlate.yaml", error.File);
        Assert.Equal("dedup_tll_sec", error.KeyPath);
        Assert.Equal(LineOf(dir, "correlate.yaml", "dedup_tll_sec"), error.Line);
        Assert.Contains("unknown key", error.Message);
    }

    [Fact]
    public void Wrong_type_names_the_nested_key()
    {
        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "ingest.yaml", "max_body_bytes: 16777216", "max_body_bytes: lots");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("ingest.yaml", error.File);
        Assert.Equal("http.max_body_bytes", error.KeyPath);
        Assert.Equal(LineOf(dir, "ingest.yaml", "max_body_bytes"), error.Line);
    }

    [Fact]
    public void Ingest_limits_are_loaded_and_range_checked()
    {
        var limits = TestPolicies.Shipped.Ingest.Limits;
        Assert.Equal(65536, limits.MaxMetaBytes);
        Assert.True(limits is { MaxMetaKeys: > 0, MaxMetaDepth: > 0, MaxLabelNameBytes: > 0, MaxLabelValueBytes: > 0 });

        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "ingest.yaml", "max_meta_depth: 8", "max_meta_depth: 99");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("limits.max_meta_depth", error.KeyPath);
        Assert.Equal(LineOf(dir, "ingest.yaml", "max_meta_depth"), error.Line);
        Assert.Contains("between 1 and 32", error.Message);
    }

    [Fact]
    public void Otlp_settings_are_loaded_and_an_unknown_histogram_mode_names_the_key()
    {
        Assert.Equal("ship.id", TestPolicies.Shipped.Ingest.Otlp.ShipAttribute);
        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "ingest.yaml", "histograms: count_sum", "histograms: buckets");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("otlp.histograms", error.KeyPath);
        Assert.Contains("count_sum, skip", error.Message);
    }

    [Fact]
    public void Out_of_range_value_names_the_key_and_line()
    {
        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "correlate.yaml", "min_events_for_incident: 1", "min_events_for_incident: 0");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("min_events_for_incident", error.KeyPath);
        Assert.Equal(LineOf(dir, "correlate.yaml", "min_events_for_incident"), error.Line);
        Assert.Contains("between 1 and 1000", error.Message);
    }

    [Fact]
    public void Invalid_regular_expression_in_a_rule_is_reported()
    {
        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "detect.yaml", "match: \"no space left|disk full\"", "match: \"no space left|(disk full\"");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("detect.yaml", error.File);
        Assert.Equal("logs_patterns[3].match", error.KeyPath);
        Assert.Contains("regular expression", error.Message);
    }

    [Fact]
    public void Missing_segment_and_unknown_include_are_reported()
    {
        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "policy.yaml", "  - slo.yaml", "  - slos.yaml");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("policy.yaml", error.File);
        Assert.Equal("includes[8]", error.KeyPath);
    }

    [Fact]
    public void Syntax_error_gives_the_line()
    {
        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "slo.yaml", "fast_path:", "fast_path: [unclosed");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("slo.yaml", error.File);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void An_owed_insight_reminder_shorter_than_the_orleans_minimum_is_refused()
    {
        Assert.Equal(120, TestPolicies.Shipped.Llm.OwedReminderSec);
        var dir = TestPolicies.CopyToTemp();
        Replace(dir, "llm.yaml", "owed_reminder_sec: 120", "owed_reminder_sec: 30");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("llm.yaml", error.File);
        Assert.Equal("owed_reminder_sec", error.KeyPath);
        Assert.Contains("between 60 and 86400", error.Message);
    }

    private static void Replace(string dir, string file, string from, string to)
    {
        var path = Path.Combine(dir, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    private static int LineOf(string dir, string file, string key) =>
        File.ReadAllLines(Path.Combine(dir, file)).Select((l, i) => (l, i)).First(x => x.l.TrimStart().StartsWith(key + ":")).i + 1;
}
