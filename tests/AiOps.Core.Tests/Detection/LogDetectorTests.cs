using AiOps.Contracts;
using AiOps.Core.Detection;

namespace AiOps.Core.Tests.Detection;

public sealed class LogDetectorTests
{
    [Theory]
    [InlineData(MessageLevel.Fatal, 0.95)]
    [InlineData(MessageLevel.Error, 0.85)]
    [InlineData(MessageLevel.Warn, 0.75)]
    public void Unmatched_lines_from_warn_up_are_anomalies_scored_by_level(MessageLevel level, double score)
    {
        var detected = LogDetector.Detect(Make.Log("payment gateway returned 502", level), TestPolicies.Detect);

        Assert.NotNull(detected);
        Assert.Equal(score, detected.Anomaly.Score);
        Assert.Equal("log_level", detected.Anomaly.Detector);
        Assert.Equal("app_degradation", detected.IncidentType);
    }

    [Theory]
    [InlineData(MessageLevel.Info)]
    [InlineData(MessageLevel.Debug)]
    public void Info_and_debug_lines_are_not_anomalies_without_a_pattern(MessageLevel level) =>
        Assert.Null(LogDetector.Detect(Make.Log("user logged in", level), TestPolicies.Detect));

    [Fact]
    public void A_pattern_classifies_an_info_line_and_its_hint_raises_the_score()
    {
        var detected = LogDetector.Detect(Make.Log("Carrier lost on beam 3", MessageLevel.Info, Domain.Comms, "vsat-modem"), TestPolicies.Detect);

        Assert.NotNull(detected);
        Assert.Equal("link_down", detected.Anomaly.AnomalyType);
        Assert.Equal("link_degradation", detected.IncidentType);
        Assert.Equal(0.95, detected.Anomaly.Score);
        Assert.Equal("pattern", detected.Anomaly.Detector);
    }

    [Theory]
    [InlineData("ERROR Database connection timeout after 30s", "db_conn_timeout", "resource_pressure")]
    [InlineData("sshd: Failed password for root from 10.0.0.9", "auth_failure", "auth_failure")]
    [InlineData("Authentication failed for user crew42", "auth_failure", "auth_failure")]
    [InlineData("write error: No space left on device", "disk_full", "resource_pressure")]
    [InlineData("Out of memory: Killed process 4242 (java)", "oom_killed", "resource_pressure")]
    public void Seed_patterns_map_to_their_incident_types(string msg, string anomalyType, string incidentType)
    {
        var detected = LogDetector.Detect(Make.Log(msg, MessageLevel.Warn), TestPolicies.Detect);

        Assert.Equal(anomalyType, detected?.Anomaly.AnomalyType);
        Assert.Equal(incidentType, detected?.IncidentType);
    }

    [Theory]
    [InlineData("Health check OK")]
    [InlineData("Status: OK")]
    [InlineData("Heartbeat received")]
    [InlineData("Connection established to 10.0.0.5")]
    [InlineData("Startup complete in 3.2s")]
    [InlineData("Process started pid=42")]
    [InlineData("Configuration loaded from /etc/app.yaml")]
    [InlineData("Metric: cpu = 42")]
    public void Routine_lines_are_never_anomalies_whatever_their_level(string msg) =>
        Assert.Null(LogDetector.Detect(Make.Log(msg, MessageLevel.Error), TestPolicies.Detect));

    [Fact]
    public void Real_failures_are_not_mistaken_for_routine_lines()
    {
        Assert.NotNull(LogDetector.Detect(Make.Log("ERROR: System failure"), TestPolicies.Detect));
        Assert.NotNull(LogDetector.Detect(Make.Log("CRITICAL: Database connection lost", MessageLevel.Fatal), TestPolicies.Detect));
    }

    [Fact]
    public void The_anomaly_keeps_the_events_identity()
    {
        var log = Make.Log("Database connection timeout", device: "db-7");

        var anomaly = LogDetector.Detect(log, TestPolicies.Detect)!.Anomaly;

        Assert.Equal(log.TrackingId, anomaly.TrackingId);
        Assert.Equal(log.ShipId, anomaly.ShipId);
        Assert.Equal("db-7", anomaly.DeviceId);
        Assert.Equal(log.Msg, anomaly.RawMsg);
        Assert.Equal(log.Ts, anomaly.Ts);
    }
}
