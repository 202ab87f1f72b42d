using AiOps.Contracts;
using AiOps.Core.Incidents;

namespace AiOps.Core.Tests.Incidents;

public sealed class InsightDebtTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_narrative_written_for_the_latest_severity_settles_it_and_an_older_one_does_not()
    {
        var incident = new IncidentState { Exists = true, Severity = Severity.Medium };
        InsightDebt.Owe(incident, OwedInsight.Narrate, T0);
        incident.Severity = Severity.Critical;
        InsightDebt.Owe(incident, OwedInsight.Narrate, T0.AddSeconds(5));

        Assert.Equal([new OwedInsight(OwedInsight.Narrate, Severity.Critical, T0.AddSeconds(5))], incident.OwedInsights);
        Assert.False(InsightDebt.SettleNarrative(incident, Severity.Medium));
        Assert.True(InsightDebt.Owes(incident));
        Assert.True(InsightDebt.SettleNarrative(incident, Severity.Critical));
        Assert.False(InsightDebt.Owes(incident));
    }

    [Fact]
    public void Learning_is_owed_beside_the_narrative_and_settled_only_by_a_request_not_older_than_it()
    {
        var incident = new IncidentState { Exists = true, Severity = Severity.High };
        InsightDebt.Owe(incident, OwedInsight.Narrate, T0);
        InsightDebt.Owe(incident, OwedInsight.Learn, T0.AddMinutes(1));

        Assert.False(InsightDebt.SettleLearning(incident, T0));
        Assert.True(InsightDebt.SettleLearning(incident, T0.AddMinutes(1)));
        Assert.Equal([OwedInsight.Narrate], incident.OwedInsights.Select(o => o.Work));
        // A result from before the severity was recorded (an older host) settles what is owed.
        Assert.True(InsightDebt.SettleNarrative(incident, null));
        Assert.Empty(incident.OwedInsights);
    }

    [Fact]
    public void A_deleted_incident_owes_nothing()
    {
        var incident = new IncidentState { Exists = false };
        InsightDebt.Owe(incident, OwedInsight.Narrate, T0);
        Assert.False(InsightDebt.Owes(incident));
    }
}
