using AiOps.Contracts.Messages;
using AiOps.Core.Correlation;
using AiOps.Core.Policy;
using AiOps.Core.Silences;

namespace AiOps.Core.Tests.Silences;

public sealed class SilenceMatchingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(20);

    private static Silence Silence(params SilenceMatcher[] matchers) => new()
    {
        SilenceId = "sil-1",
        Matchers = matchers,
        StartsAt = Make.T0,
        EndsAt = Make.T0.AddHours(1),
        CreatedBy = "erik",
        CreatedAt = Make.T0,
    };

    private static SilenceSet Set(params Silence[] silences) => new(1, silences, Timeout);

    [Fact]
    public void Every_matcher_must_match_for_the_silence_to_apply()
    {
        var set = Set(Silence(new SilenceMatcher("ship_id", "ship-a", false), new SilenceMatcher("service", "vsat", false)));

        Assert.Equal("sil-1", set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0.AddMinutes(5), service: "vsat"))));
        Assert.Null(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0.AddMinutes(5), service: "orders"))));
        Assert.Null(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0.AddMinutes(5), service: "vsat", ship: "ship-b"))));
    }

    [Fact]
    public void A_regex_matches_the_whole_value_and_a_negative_matcher_inverts_it()
    {
        var set = Set(Silence(new SilenceMatcher("device_id", "sat-.*", true), new SilenceMatcher("severity", "critical", false, IsEqual: false)));

        Assert.NotNull(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0, device: "sat-01"))));
        Assert.Null(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0, device: "my-sat-01"))));
        Assert.Null(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0, device: "sat-01", severity: Contracts.Severity.Critical))));
    }

    [Fact]
    public void Incident_type_domain_and_labels_from_meta_can_be_matched()
    {
        var set = Set(Silence(new SilenceMatcher("incident_type", "resource_pressure", false), new SilenceMatcher("domain", "app", false),
            new SilenceMatcher("labels.deck", "7", false)));
        var labelled = Make.Anomaly(Make.T0) with { Meta = """{"log_level":"error","source_meta":{"labels":{"deck":"7"}}}""" };

        Assert.NotNull(set.SilencedBy(Make.Candidate(labelled)));
        Assert.Null(set.SilencedBy(Make.Candidate(labelled, "link_degradation")));
        Assert.Null(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0))));
    }

    [Fact]
    public void A_silence_applies_on_event_time_within_its_span_only()
    {
        var set = Set(Silence(new SilenceMatcher("ship_id", "ship-a", false)));

        Assert.Null(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(-1)))));
        Assert.NotNull(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0))));
        Assert.Null(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0.AddHours(1)))));
    }

    [Fact]
    public void A_catastrophic_regex_runs_out_of_time_and_counts_as_no_match()
    {
        var set = Set(Silence(new SilenceMatcher("service", "(a+)+b", true)));
        var before = AiOps.Core.Detection.BoundedMatch.Timeouts;

        Assert.Null(set.SilencedBy(Make.Candidate(Make.Anomaly(Make.T0, service: new string('a', 5000) + "!"))));
        Assert.True(AiOps.Core.Detection.BoundedMatch.Timeouts > before);
    }

    [Fact]
    public void State_is_pending_then_active_then_expired_and_expiring_ends_it_now()
    {
        var silence = Silence(new SilenceMatcher("ship_id", "ship-a", false));

        Assert.Equal(SilenceStates.Pending, SilenceStates.At(silence, Make.T0.AddSeconds(-1)));
        Assert.Equal(SilenceStates.Active, SilenceStates.At(silence, Make.T0));
        Assert.Equal(SilenceStates.Expired, SilenceStates.At(silence, Make.T0.AddHours(1)));
        var expired = SilenceStates.Expire(silence, Make.T0.AddMinutes(10), "emma");
        Assert.Equal(SilenceStates.Expired, SilenceStates.At(expired, Make.T0.AddMinutes(10)));
        Assert.Equal("emma", expired.ExpiredBy);
        var neverStarted = SilenceStates.Expire(silence, Make.T0.AddMinutes(-10), "emma");
        Assert.Equal(Make.T0.AddMinutes(-10), neverStarted.StartsAt);
    }

    [Theory]
    [InlineData("", "x", false, "matchers[0].name")]
    [InlineData("service", "(", true, "matchers[0].value")]
    [InlineData("service", ".*", true, "at least one matcher that does not match the empty string")]
    [InlineData("service", "", false, "at least one matcher that does not match the empty string")]
    public void Bad_matchers_are_named(string name, string value, bool isRegex, string expected)
    {
        var problem = SilenceValidation.Problem([new SilenceMatcher(name, value, isRegex)], Make.T0, Make.T0.AddHours(1), Make.T0, new SilenceSettings());

        Assert.Contains(expected, problem);
    }

    [Fact]
    public void The_span_must_end_after_it_starts_and_in_the_future()
    {
        SilenceMatcher[] matchers = [new("ship_id", "ship-a", false)];
        var settings = new SilenceSettings();

        Assert.Null(SilenceValidation.Problem(matchers, Make.T0, Make.T0.AddHours(1), Make.T0, settings));
        Assert.Contains("'ends_at' must be after", SilenceValidation.Problem(matchers, Make.T0, Make.T0, Make.T0, settings));
        Assert.Contains("'ends_at' must be in the future", SilenceValidation.Problem(matchers, Make.T0.AddHours(-2), Make.T0.AddHours(-1), Make.T0, settings));
        Assert.Contains("matchers", SilenceValidation.Problem([], Make.T0, Make.T0.AddHours(1), Make.T0, settings));
    }

    [Fact]
    public void Correlation_lets_a_silenced_anomaly_open_and_join_nothing()
    {
        var policy = PolicyLoader.Load(TestPolicies.Directory).Fleet.Correlate;
        var engine = new CorrelationEngine(policy, _ => "INC-1");
        var state = new CorrelationState();
        var set = Set(Silence(new SilenceMatcher("service", "vsat", false)));
        var silenced = Make.Candidate(Make.Anomaly(Make.T0, service: "vsat"));
        var other = Make.Candidate(Make.Anomaly(Make.T0.AddSeconds(1)));

        var decisions = engine.Correlate(state, [silenced, other], set.SilencedBy);

        Assert.Equal(CorrelationVerdict.Silenced, decisions[0].Verdict);
        Assert.Equal("sil-1", decisions[0].SilenceId);
        Assert.Null(decisions[0].IncidentId);
        Assert.Equal(CorrelationVerdict.Opened, decisions[1].Verdict);
        Assert.Single(state.Windows);
        Assert.Empty(engine.Correlate(state, [silenced], set.SilencedBy));
    }
}
