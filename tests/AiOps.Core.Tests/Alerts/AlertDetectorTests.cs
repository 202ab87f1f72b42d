using System.Text.Json;
using AiOps.Contracts;
using AiOps.Contracts.Messages;
using AiOps.Core.Alerts;

namespace AiOps.Core.Tests.Alerts;

public sealed class AlertDetectorTests
{
    private static AlertMessage Alert(string fingerprint, Dictionary<string, string> labels, Dictionary<string, string> annotations) => new()
    {
        TrackingId = "T-" + fingerprint,
        Ts = Make.T0,
        ShipId = "ship-a",
        Fingerprint = fingerprint,
        AlertName = labels["alertname"],
        Domain = Domain.App,
        Service = "orders",
        Severity = Severity.High,
        Labels = labels,
        Annotations = annotations,
        StartsAt = Make.T0,
    };

    [Fact]
    public void Each_anomaly_describes_its_own_alert_in_its_meta_also_when_a_larger_one_came_before()
    {
        var large = Alert("fp-large", new() { ["alertname"] = "DiskFull", ["instance"] = new string('x', 5_000) }, new() { ["summary"] = "disk \"full\"" });
        var small = Alert("fp-small", new() { ["alertname"] = "Up" }, []);

        var first = JsonDocument.Parse(AlertDetector.Detect(large, TestPolicies.Detect).Anomaly.Meta!).RootElement;
        var second = JsonDocument.Parse(AlertDetector.Detect(small, TestPolicies.Detect).Anomaly.Meta!).RootElement;

        Assert.Equal("fp-large", first.GetProperty("alert_fingerprint").GetString());
        Assert.Equal(5_000, first.GetProperty("labels").GetProperty("instance").GetString()!.Length);
        Assert.Equal("disk \"full\"", first.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("fp-small", second.GetProperty("alert_fingerprint").GetString());
        Assert.Equal(["alertname"], second.GetProperty("labels").EnumerateObject().Select(p => p.Name));
        Assert.Empty(second.GetProperty("annotations").EnumerateObject());
        Assert.Equal(Make.T0, second.GetProperty("starts_at").GetDateTimeOffset());
    }
}
