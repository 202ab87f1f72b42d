using AiOps.Core.Policy;

namespace AiOps.Core.Tests.Policy;

/// <summary>Profiles and per-ship overrides merge over the segment files, and every value knows its source.</summary>
public sealed class PolicyLayeringTests
{
    private static string WithMaster(Func<string, string> change)
    {
        var dir = TestPolicies.CopyToTemp();
        var path = Path.Combine(dir, "policy.yaml");
        File.WriteAllText(path, change(File.ReadAllText(path)));
        return dir;
    }

    private static string Overrides(string yaml) =>
        WithMaster(text => text.Replace("ship_overrides: {}", "ship_overrides:\n" + yaml));

    [Fact]
    public void The_full_profile_is_the_segment_files_as_written()
    {
        var policy = TestPolicies.Shipped;

        Assert.True(policy.Llm.Enabled);
        Assert.Equal(600, policy.Correlate.WindowSecByType["link_degradation"]);
        Assert.Equal("fleet", policy.SourceOf("correlate", "dedup_ttl_sec"));
        Assert.Equal("default", policy.SourceOf("remediate", "actions.rotate_logs.requires_pre_check"));
    }

    [Fact]
    public void Core_fast_turns_the_insight_path_off()
    {
        var policy = PolicyLoader.Load(WithMaster(t => t.Replace("profile: full ", "profile: core-fast "))).Fleet;

        Assert.Equal("core-fast", policy.Profile);
        Assert.False(policy.Llm.Enabled);
        Assert.False(policy.Llm.Rag.Enabled);
        Assert.False(policy.Feature("enable_llm_enrichment"));
        Assert.False(policy.Feature("enable_qdrant_rag"));
        Assert.Equal(600, policy.Correlate.WindowSecByType["link_degradation"]);
    }

    [Fact]
    public void Poc_shortens_windows_and_retention_and_makes_remediation_a_dry_run()
    {
        var policy = PolicyLoader.Load(WithMaster(t => t.Replace("profile: full ", "profile: poc "))).Fleet;

        Assert.Equal(120, policy.Correlate.WindowSecByType["link_degradation"]);
        Assert.Equal(180, policy.Correlate.DedupTtlSec);
        Assert.Equal(1, policy.Retention.LogsDays);
        Assert.True(policy.Feature("dry_run_remediation"));
        Assert.Equal(["runbooks"], policy.Llm.Rag.Sources);
        Assert.True(policy.Llm.Enabled);
        Assert.Equal("fleet", policy.SourceOf("correlate", "dedup_ttl_sec"));
    }

    [Fact]
    public void A_ship_override_deep_merges_over_the_fleet_and_marks_its_values()
    {
        var bundle = PolicyLoader.Load(Overrides("""
              viking-star:
                llm: { enabled: false }
                correlate: { window_sec_by_type: { link_degradation: 900 } }
            """));

        var ship = bundle.For("viking-star");
        Assert.False(ship.Llm.Enabled);
        Assert.Equal(900, ship.Correlate.WindowSecByType["link_degradation"]);
        Assert.Equal(300, ship.Correlate.WindowSecByType["resource_pressure"]);
        Assert.Equal("override", ship.SourceOf("correlate", "window_sec_by_type.link_degradation"));
        Assert.Equal("fleet", ship.SourceOf("correlate", "window_sec_by_type.resource_pressure"));
        Assert.Equal("override", ship.SourceOf("llm", "enabled"));
        Assert.True(bundle.Fleet.Llm.Enabled);
        Assert.Same(bundle.Fleet, bundle.For("viking-sky"));
        Assert.Equal(["viking-star"], bundle.OverriddenShips);
    }

    [Fact]
    public void A_bad_override_value_is_reported_at_its_line_in_policy_yaml()
    {
        var dir = Overrides("  viking-star: { correlate: { dedup_ttl_sec: -5 } }\n");

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal("policy.yaml", error.File);
        Assert.Equal("ship_overrides.viking-star.correlate.dedup_ttl_sec", error.KeyPath);
        Assert.Equal(File.ReadAllLines(Path.Combine(dir, "policy.yaml")).ToList().FindIndex(l => l.StartsWith("  viking-star", StringComparison.Ordinal)) + 1, error.Line);
    }

    [Fact]
    public void An_unknown_key_in_an_override_is_reported_with_its_path()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(Overrides("  viking-star:\n    retention:\n      log_days: 7\n")));

        Assert.Equal("policy.yaml", error.File);
        Assert.Equal("ship_overrides.viking-star.retention.log_days", error.KeyPath);
        Assert.Contains("unknown key", error.Message);
    }

    [Fact]
    public void An_unknown_section_in_an_override_or_profile_is_refused()
    {
        var ship = Assert.Throws<PolicyException>(() => PolicyLoader.Load(Overrides("  viking-star: { weather: { rain: true } }\n")));
        var profile = Assert.Throws<PolicyException>(() => PolicyLoader.Load(WithMaster(t => t.Replace("  full: {}", "  full: { colours: { red: 1 } }"))));

        Assert.Equal("ship_overrides.viking-star.weather", ship.KeyPath);
        Assert.Equal("profiles.full.colours", profile.KeyPath);
    }

    [Fact]
    public void Selecting_an_undefined_profile_is_refused()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(WithMaster(t => t.Replace("profile: full ", "profile: turbo "))));

        Assert.Equal("profile", error.KeyPath);
        Assert.Contains("poc, core-fast, full", error.Message);
    }

    [Theory]
    [InlineData("llm.yaml", "temperature: 0.25", "temperature: 5", "model_params.temperature", "between 0 and 2")]
    [InlineData("llm.yaml", "failure_threshold: 5", "failure_threshold: 1", "circuit_breaker.failure_threshold", "between 2 and 1000")]
    [InlineData("llm.yaml", "sampling_sec: 60", "half_open_requests: 3", "circuit_breaker.half_open_requests", "unknown key")]
    [InlineData("llm.yaml", "retry_delay_ms: 500", "retry_delay_ms: -1", "retry_delay_ms", "between 0 and 60000")]
    [InlineData("llm.yaml", "cache_max_entries: 1000", "cache_max_entries: 0", "cache_max_entries", "between 1 and 1000000")]
    [InlineData("remediate.yaml", "retry_delay_sec: 5", "retry_delay_sec: 7200", "retry_delay_sec", "between 0 and 3600")]
    [InlineData("retention.yaml", "record_retries: 5", "record_retries: -1", "audit.record_retries", "between 0 and 100")]
    [InlineData("ingest.yaml", "delivery_attempts: 10", "delivery_attempts: 0", "durability.delivery_attempts", "between 1 and 1000")]
    [InlineData("ingest.yaml", "delivery_max_retry_delay_ms: 5000", "delivery_max_retry_delay_ms: 100", "durability.delivery_max_retry_delay_ms", "between 200 and 3600000")]
    [InlineData("notify.yaml", "start: \"22:00\"", "start: \"25:00\"", "quiet_hours.start", "HH:mm")]
    [InlineData("notify.yaml", "medium: [\"engineering@cruise.com\"]", "medium: [\"engineering\"]", "channels.email.recipients.medium[0]", "not an e-mail address")]
    [InlineData("remediate.yaml", "auto_approve_for: [restart_service, rotate_logs]", "auto_approve_for: [restart_service, reboot_ship]", "auto_approve_for[1]", "not in allowed_actions")]
    [InlineData("remediate.yaml", "day: sunday", "day: someday", "maintenance_windows[0].day", "must be one of")]
    [InlineData("retention.yaml", "logs_days: 5", "log_days: 5", "log_days", "unknown key")]
    [InlineData("retention.yaml", "incidents_days: 30", "incidents_days: 0", "incidents_days", "between 1 and 3650")]
    [InlineData("privacy.yaml", "\"10.200.0.0/16\"", "\"10.200.0.0/40\"", "guest_networks[0]", "CIDR")]
    [InlineData("privacy.yaml", "raw_logs: false", "raw_logs: sometimes", "shore_sync.raw_logs", "")]
    [InlineData("slo.yaml", "incident_latency_p99_ms: 100", "incident_latency_p99_ms: fast", "fast_path.incident_latency_p99_ms", "wrong type")]
    public void Each_segment_reports_bad_values_with_file_key_and_line(string file, string from, string to, string key, string message)
    {
        var dir = TestPolicies.CopyToTemp();
        var path = Path.Combine(dir, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));

        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Load(dir));

        Assert.Equal(file, error.File);
        Assert.Equal(key, error.KeyPath);
        Assert.NotNull(error.Line);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Every_shipped_segment_carries_the_seed_values()
    {
        var p = TestPolicies.Shipped;

        Assert.Equal("phi3:mini", p.Llm.Model);
        Assert.Equal(45, p.Llm.CacheTtlMin);
        Assert.Equal(["incident_type", "severity", "scope"], p.Llm.CacheKeyFields);
        Assert.Equal(10, p.Llm.PriorityBySeverity["critical"]);
        Assert.Equal(10, p.Notify.Channels.Email.RateLimitPerMin);
        Assert.Equal("high", p.Notify.QuietHours.MinSeverity);
        Assert.Equal(20, p.Notify.StormDetection.ThresholdPerMin);
        Assert.Equal(1800, p.Remediate.Actions["failover_path"].CooldownSec);
        Assert.Contains("failover_path", p.Remediate.TwoPersonApprovalFor);
        Assert.Equal(30, p.Retention.IncidentsDays);
        Assert.False(p.Privacy.ShoreSync.RawLogs);
        Assert.True(p.Privacy.Redacts("llm_prompt"));
    }
}
