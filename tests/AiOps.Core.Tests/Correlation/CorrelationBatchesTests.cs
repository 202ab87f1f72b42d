using AiOps.Core.Correlation;

namespace AiOps.Core.Tests.Correlation;

public sealed class CorrelationBatchesTests
{
    [Fact]
    public void Each_call_gets_the_latest_event_time_of_its_own_anomalies_that_reached_an_incident()
    {
        var a1 = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(1)));
        var a2 = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(5)));
        var b1 = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(9)));
        var b2 = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(3)));
        var c1 = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(7)));
        var decisions = new List<CorrelationDecision>
        {
            new(a1, CorrelationVerdict.Opened, "INC-1"),
            new(a2, CorrelationVerdict.Duplicate, "INC-1"),
            new(b1, CorrelationVerdict.Suppressed, "INC-1"),
            new(b2, CorrelationVerdict.Joined, "INC-1"),
            new(c1, CorrelationVerdict.Pending, null),
        };

        var answers = CorrelationBatches.LatestJoinedPerCall([[a1, a2], [b1, b2], [c1]], decisions);

        Assert.Equal([Make.T0.AddSeconds(5), Make.T0.AddSeconds(3), null], answers);
    }

    [Fact]
    public void An_event_sent_in_two_calls_of_one_batch_answers_both()
    {
        var a = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(2)));

        var answers = CorrelationBatches.LatestJoinedPerCall([[a], [a]], [new(a, CorrelationVerdict.Joined, "INC-1")]);

        Assert.Equal([Make.T0.AddSeconds(2), Make.T0.AddSeconds(2)], answers);
    }
}
