using AiOps.Contracts;
using AiOps.Core.Detection;
using AiOps.Core.Enrichment;

namespace AiOps.Core.Tests.Enrichment;

public sealed class EnricherTests
{
    [Fact]
    public void Repeats_escalate_severity_through_the_similar_counts()
    {
        var context = new ServiceContext();
        var rules = TestPolicies.Shipped.Detect.Severity;
        var severities = Enumerable.Range(0, 6)
            .Select(i => Enricher.Enrich(Make.Anomaly(Make.T0.AddMinutes(i), score: 0.75), context, null, rules, 512))
            .ToList();

        Assert.Equal(Severity.High, severities[0].Severity);
        Assert.Equal(0, severities[0].Context.SimilarCount1h);
        Assert.Equal(5, severities[5].Context.SimilarCount1h);
        Assert.Equal(Severity.Critical, severities[5].Severity);
    }

    [Fact]
    public void A_templated_line_counts_the_history_known_by_type_only_but_not_other_templates()
    {
        var context = new ServiceContext();
        var rules = TestPolicies.Shipped.Detect.Severity;
        var template1 = Make.Anomaly(Make.T0, score: 0.75) with { TemplateId = 1 };
        // What a service warmed from the analytics store has: five past anomalies of the type, templates unknown.
        var past = context.CounterFor(Fingerprint.WithoutTemplate(template1), 512);
        for (var i = 1; i <= 5; i++)
        {
            past.Add(Make.T0.AddMinutes(-i));
        }

        for (var i = 1; i <= 3; i++)
        {
            Enricher.Enrich(template1 with { Ts = Make.T0.AddSeconds(-i) }, context, null, rules, 512);
        }

        var sameTemplate = Enricher.Enrich(template1, context, null, rules, 512);
        var otherTemplate = Enricher.Enrich(template1 with { TemplateId = 2 }, context, null, rules, 512);

        Assert.Equal(8, sameTemplate.Context.SimilarCount1h);
        Assert.Equal(Severity.Critical, sameTemplate.Severity);
        Assert.Equal(5, otherTemplate.Context.SimilarCount1h);
    }

    [Fact]
    public void Counts_use_event_time_windows()
    {
        var counter = new SimilarityCounter();
        counter.Add(Make.T0);
        counter.Add(Make.T0.AddMinutes(30));
        counter.Add(Make.T0.AddHours(5));

        Assert.Equal(1, counter.LastHour(Make.T0.AddHours(5)));
        Assert.Equal(3, counter.LastDay(Make.T0.AddHours(5)));
        Assert.Equal(0, counter.LastDay(Make.T0.AddDays(2)));
    }

    [Fact]
    public void Metric_percentiles_and_device_metadata_come_from_the_service_context()
    {
        var context = new ServiceContext();
        context.Learn(new Contracts.Messages.DeviceInfo { DeviceId = "db-1", DeviceType = "server", Vendor = "Dell" }, 256);
        var series = new MetricSeries();
        for (var i = 1; i <= 100; i++)
        {
            series.Remember(i, Make.T0, 64);
        }

        var enriched = Enricher.Enrich(Make.Anomaly(Make.T0), context, series, TestPolicies.Shipped.Detect.Severity, 512);

        Assert.Equal("server", enriched.Context.Device?.DeviceType);
        Assert.Equal(68.5, enriched.Context.MetricP50);
        Assert.NotNull(enriched.Context.MetricP95);
        Assert.Equal(1, enriched.Context.TopErrorRank);
        Assert.Empty(enriched.Tags);
    }

    [Fact]
    public void A_failing_enrichment_degrades_to_medium_with_a_tag()
    {
        var broken = new ServiceContext { Similar = null! };

        var enriched = Enricher.Enrich(Make.Anomaly(Make.T0, score: 0.95), broken, null, TestPolicies.Shipped.Detect.Severity, 512);

        Assert.Equal(Severity.Medium, enriched.Severity);
        Assert.Contains(Enricher.ErrorTag, enriched.Tags);
    }
}
