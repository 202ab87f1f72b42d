using AiOps.Core.Correlation;

namespace AiOps.Core.Tests.Correlation;

public sealed class UndeliveredDecisionsTests
{
    [Fact]
    public void Past_capacity_the_oldest_saved_decisions_are_dropped_first()
    {
        var undelivered = new Dictionary<string, SavedDecision>(StringComparer.Ordinal);
        foreach (var i in new[] { 3, 1, 4, 2, 5 })
        {
            undelivered[$"e{i}"] = new SavedDecision(CorrelationVerdict.Joined, "INC-1", null, 0, null, Make.T0.AddSeconds(i));
        }

        UndeliveredDecisions.Bound(undelivered, capacity: 3);

        Assert.Equal(["e3", "e4", "e5"], undelivered.Keys.Order());
    }

    [Fact]
    public void A_saved_decision_is_told_for_the_retried_event_as_it_was_decided()
    {
        var candidate = Make.Candidate(Make.Anomaly(Make.T0));
        var decided = new CorrelationDecision(candidate, CorrelationVerdict.Duplicate, "INC-7", null, 2.5, "fp");

        var told = SavedDecision.Of(decided, Make.T0).For(candidate);

        Assert.Equal(decided, told);
    }
}
