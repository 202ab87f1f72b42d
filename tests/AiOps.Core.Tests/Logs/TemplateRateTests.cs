using AiOps.Contracts;
using AiOps.Core.Detection;
using AiOps.Core.Logs;

namespace AiOps.Core.Tests.Logs;

public sealed class TemplateRateTests
{
    private static readonly CompiledDetectPolicy Policy = TestPolicies.Detect;

    [Fact]
    public void A_burst_of_a_known_message_is_a_log_rate_change_and_a_steady_rate_is_not()
    {
        var book = new LogTemplateBook();
        var random = new Random(3);
        var steadyHits = new List<DetectedAnomaly>();
        var minute = 0;
        for (; minute < 600; minute++)
        {
            for (var i = 0; i < 8 + random.Next(5); i++)
            {
                var hit = LogTemplateDetector.Detect(Make.Log($"Request {i} served in {random.Next(90)}ms", MessageLevel.Info, ts: Make.T0.AddMinutes(minute).AddSeconds(i)), book, Policy);
                if (hit is not null)
                {
                    steadyHits.Add(hit);
                }
            }
        }

        for (var i = 0; i < 300; i++)
        {
            Assert.Null(LogTemplateDetector.Detect(Make.Log($"Request {i} served in 5ms", MessageLevel.Info, ts: Make.T0.AddMinutes(minute).AddMilliseconds(i)), book, Policy));
        }

        var burst = LogTemplateDetector.Detect(Make.Log("Request 1 served in 5ms", MessageLevel.Info, ts: Make.T0.AddMinutes(minute + 1)), book, Policy);

        Assert.DoesNotContain(steadyHits, h => h.Anomaly.AnomalyType == TemplateRate.RateChange);
        Assert.NotNull(burst);
        Assert.Equal(TemplateRate.RateChange, burst.Anomaly.AnomalyType);
        Assert.Equal(book.Templates.Values.Single().Id, burst.Anomaly.TemplateId);
    }
}
