using AiOps.Contracts;
using AiOps.Core.Detection;
using AiOps.Core.Logs;

namespace AiOps.Core.Tests.Logs;

public sealed class LogTemplateDetectorTests
{
    private static readonly CompiledDetectPolicy Policy = TestPolicies.Detect;

    /// <summary>A service past its warm-up (lines and time) on a few routine-looking messages.</summary>
    private static LogTemplateBook Warm()
    {
        var book = new LogTemplateBook();
        var lines = Policy.Source.LogTemplates.WarmupLines + 10;
        var span = TimeSpan.FromSeconds(Policy.Source.LogTemplates.WarmupSec + 60);
        for (var i = 0; i < lines; i++)
        {
            var msg = (i % 3) switch
            {
                0 => $"Request {i} served in {i % 90}ms",
                1 => $"Cache refreshed with {i * 7} entries",
                _ => $"User u{i} signed in from 10.1.{i % 200}.{i % 50}",
            };
            Assert.Null(LogTemplateDetector.Detect(Make.Log(msg, MessageLevel.Info, ts: Make.T0 + (span * i / lines)), book, Policy));
        }

        return book;
    }

    [Fact]
    public void A_new_message_at_info_after_warm_up_is_a_new_log_pattern()
    {
        var book = Warm();
        var ts = Make.T0.AddHours(3);

        var hit = LogTemplateDetector.Detect(Make.Log("Replication lag exceeded on replica db-2, falling back", MessageLevel.Info, ts: ts), book, Policy);
        var again = LogTemplateDetector.Detect(Make.Log("Replication lag exceeded on replica db-3, falling back", MessageLevel.Info, ts: ts), book, Policy);
        var known = LogTemplateDetector.Detect(Make.Log("Request 99999 served in 12ms", MessageLevel.Info, ts: ts), book, Policy);

        Assert.NotNull(hit);
        Assert.Equal(LogTemplateDetector.NewPattern, hit.Anomaly.AnomalyType);
        Assert.Equal(Policy.Source.LogTemplates.NewPatternScore, hit.Anomaly.Score, 6);
        Assert.NotNull(hit.Anomaly.TemplateId);
        Assert.Null(again);
        Assert.Null(known);
    }

    [Fact]
    public void A_new_message_at_error_scores_higher_than_one_at_info()
    {
        var book = Warm();

        var info = LogTemplateDetector.Detect(Make.Log("Alpha subsystem stalled waiting for lock", MessageLevel.Info, ts: Make.T0.AddHours(3)), book, Policy)!;
        var error = LogTemplateDetector.Detect(Make.Log("Beta queue overflowed and dropped messages", MessageLevel.Error, ts: Make.T0.AddHours(3)), book, Policy)!;

        Assert.True(error.Anomaly.Score > info.Anomaly.Score);
    }

    [Fact]
    public void During_warm_up_a_new_message_is_learned_not_flagged()
    {
        var book = new LogTemplateBook();

        Assert.Null(LogTemplateDetector.Detect(Make.Log("Service starting on port 8080", MessageLevel.Info), book, Policy));
        Assert.Single(book.Templates);
    }

    [Fact]
    public void An_error_template_seen_on_many_days_without_acted_on_incidents_is_down_weighted()
    {
        var book = new LogTemplateBook();
        DetectedAnomaly? last = null;
        for (var day = 0; day < Policy.Source.LogTemplates.ChronicErrorDays + 1; day++)
        {
            last = LogTemplateDetector.Detect(Make.Log($"Nightly export job {day} failed: timeout", MessageLevel.Error, ts: Make.T0.AddDays(day)), book, Policy);
        }

        var first = LogTemplateDetector.Detect(Make.Log("Payment gateway refused token 42", MessageLevel.Error, ts: Make.T0), new LogTemplateBook(), Policy)!;
        Assert.NotNull(last);
        Assert.Equal(first.Anomaly.Score * Policy.Source.LogTemplates.ChronicWeight, last.Anomaly.Score, 6);
        Assert.Equal(last.Anomaly.TemplateId, book.Templates.Values.Single().Id);
    }
}
