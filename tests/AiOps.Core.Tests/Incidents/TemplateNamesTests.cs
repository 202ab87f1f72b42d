using AiOps.Contracts.Pipeline;
using AiOps.Core.Incidents;
using AiOps.Core.Insight;

namespace AiOps.Core.Tests.Incidents;

public sealed class TemplateNamesTests
{
    private static readonly DateTimeOffset Now = Make.T0.AddSeconds(1);

    private static IncidentState WithMembers(params (int? Template, string Msg)[] members)
    {
        var state = new IncidentState();
        IncidentRecord.Apply(state, new IncidentChange
        {
            IncidentId = "INC-1",
            IncidentType = "app_degradation",
            ShipId = "ship-a",
            NewMembers = [.. members.Select((m, i) => Make.Anomaly(Make.T0.AddSeconds(i)) with { TemplateId = m.Template, RawMsg = m.Msg })],
        }, TestPolicies.Shipped.Correlate, Now);
        return state;
    }

    [Fact]
    public void A_templated_member_s_evidence_names_its_masked_template()
    {
        var state = WithMembers((7, "Connection to 10.0.0.12:5432 timed out after 3000 ms"));

        var summary = Assert.Single(state.Evidence).Summary;

        Assert.Contains("template=7 \"Connection to <*> timed out after <*> ms\"", summary);
        Assert.Equal("Connection to <*> timed out after <*> ms", TemplateNames.Read(summary, 7));
    }

    [Fact]
    public void The_incident_summary_names_its_templates_with_counts_most_frequent_first()
    {
        var state = WithMembers(
            (3, "disk /dev/sda1 at 91% on node-4"),
            (7, "Connection to 10.0.0.12:5432 timed out after 3000 ms"),
            (7, "Connection to 10.0.0.13:5432 timed out after 2950 ms"),
            (null, "a line the miner never saw"));

        var narrative = RuleBasedInsight.For(IncidentRecord.ToIncident(state), []).Narrative;

        Assert.True(narrative.Contains("Log templates: \"Connection to <*> timed out after <*> ms\" ×2, \"disk <*> at <*>% on node-<*>\" ×1.", StringComparison.Ordinal), narrative);
    }

    [Fact]
    public void Long_template_text_is_shortened_and_an_incident_without_templates_names_none()
    {
        var longLine = "worker " + string.Join(' ', Enumerable.Repeat("overloaded", 20));
        var templated = WithMembers((9, longLine));
        var plain = WithMembers((null, "no template here"));

        var text = TemplateNames.Read(Assert.Single(templated.Evidence).Summary, 9)!;

        Assert.Equal(TemplateNames.MaxChars, text.Length);
        Assert.EndsWith("…", text);
        Assert.Null(TemplateNames.Sentence(plain.Evidence));
        Assert.DoesNotContain("Log template", RuleBasedInsight.For(IncidentRecord.ToIncident(plain), []).Narrative);
    }
}
