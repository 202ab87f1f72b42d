using System.Text;
using AiOps.Contracts;
using AiOps.Core.Alerts;
using AiOps.Core.Ingest;

namespace AiOps.Core.Tests.Alerts;

public sealed class AlertParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly IngestDefaults Defaults = IngestDefaults.From(TestPolicies.Shipped.Ingest, "ship-home", Now);

    private static Contracts.Messages.AlertMessage Parse(string json) =>
        AlertmanagerAlertParser.Parse(Encoding.UTF8.GetBytes(json), Defaults, TestPolicies.Shipped.Ingest.Alerts);

    [Fact]
    public void Labels_named_in_ingest_yaml_map_to_ship_service_domain_device_and_severity()
    {
        var alert = Parse("""
            {"labels":{"alertname":"LinkDown","ship":"Aurora","job":"vsat-exporter","domain":"comms","instance":"modem-1","severity":"warning"},
             "annotations":{"summary":"VSAT link down"},"startsAt":"2026-12-05T01:59:00.123456789Z","endsAt":"2026-12-05T02:04:00Z","generatorURL":"http://p/graph"}
            """);

        Assert.Equal(("aurora", "vsat-exporter", Domain.Comms, "modem-1", Severity.Medium), (alert.ShipId, alert.Service, alert.Domain, alert.DeviceId, alert.Severity));
        Assert.False(alert.Resolved);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 1, 59, 0, TimeSpan.Zero).AddTicks(1234567), alert.StartsAt);
    }

    [Fact]
    public void Missing_labels_take_the_defaults_and_an_endsAt_in_the_past_resolves()
    {
        var alert = Parse("""{"labels":{"alertname":"X"},"endsAt":"2026-12-05T01:00:00Z","startsAt":"0001-01-01T00:00:00Z"}""");

        Assert.Equal(("ship-home", "alertmanager", Domain.App, Severity.Medium), (alert.ShipId, alert.Service, alert.Domain, alert.Severity));
        Assert.True(alert.Resolved);
        Assert.Null(alert.StartsAt);
    }

    [Theory]
    [InlineData("""{"annotations":{}}""", "labels")]
    [InlineData("""{"labels":{"alertname":"X","n":1}}""", "labels.n")]
    [InlineData("""{"labels":{"alertname":"X"},"endsAt":"yesterday"}""", "endsAt")]
    [InlineData("""{"labels":{"alertname":"X","incident_type":"a/b"}}""", "incident_type")]
    public void Bad_alerts_are_refused_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<InvalidItemException>(() => Parse(json));
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void An_incident_type_label_takes_exactly_ascii_letters_digits_underscore_and_dash_in_lower_case()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var lower = char.ToLowerInvariant((char)c);
            var expected = char.IsAsciiLetterOrDigit(lower) || lower is '_' or '-';
            var json = $$$"""{"labels":{"alertname":"X","incident_type":"A\u{{{c:x4}}}b"}}""";
            if (expected)
            {
                Assert.Equal($"a{lower}b", Parse(json).IncidentType);
            }
            else
            {
                Assert.StartsWith("label 'incident_type' must be 1-64 letters", Assert.Throws<InvalidItemException>(() => Parse(json)).Message);
            }
        }
    }

    [Fact]
    public void The_fingerprint_ignores_label_order_and_changes_with_any_value()
    {
        var a = AlertFingerprint.Of(new Dictionary<string, string> { ["alertname"] = "X", ["instance"] = "a" });
        var b = AlertFingerprint.Of(new Dictionary<string, string> { ["instance"] = "a", ["alertname"] = "X" });
        var c = AlertFingerprint.Of(new Dictionary<string, string> { ["alertname"] = "X", ["instance"] = "b" });

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Matches("^[0-9a-f]{16}$", a);
    }

    [Fact]
    public void The_fingerprint_is_the_label_signature_of_the_prometheus_model()
    {
        // The first two are prometheus/common's own test values (model/signature_test.go); the last hashes UTF-8.
        Assert.Equal("cbf29ce484222325", AlertFingerprint.Of(new Dictionary<string, string>()));
        Assert.Equal("507a62d79ee76c9a", AlertFingerprint.Of(new Dictionary<string, string> { ["name"] = "garland, briggs", ["fear"] = "love is not enough" }));
        Assert.Equal("f666fd471c08269c", AlertFingerprint.Of(new Dictionary<string, string> { ["é"] = "ü€𝄞", ["a"] = "x" }));
    }
}
