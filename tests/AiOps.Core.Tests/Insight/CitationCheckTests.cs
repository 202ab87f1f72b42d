using AiOps.Contracts;
using AiOps.Core.Insight;

namespace AiOps.Core.Tests.Insight;

public sealed class CitationCheckTests
{
    private static readonly HashSet<string> Refs = ["/api/v3/trace/t-1"];
    private static readonly HashSet<string> Runbooks = ["rb-vsat-link-loss"];

    private static (InsightDraft Draft, IReadOnlyList<string> Dropped) Parse(string answer)
    {
        var draft = InsightParser.Parse(answer, Refs, Runbooks, 1200, out var dropped)!;
        return (draft, dropped);
    }

    [Fact]
    public void An_answer_whose_citations_were_all_invented_does_not_stand()
    {
        var (draft, dropped) = Parse("""{"narrative":"Reset it.","confidence":"high","evidence_refs":["/api/v3/trace/made-up"],"runbooks":["rb-made-up"]}""");

        Assert.Equal(["/api/v3/trace/made-up", "rb-made-up"], dropped);
        Assert.Contains("no valid citation", CitationCheck.Problem(draft, dropped));
    }

    [Fact]
    public void A_narrative_naming_a_dropped_runbook_does_not_stand_even_with_a_valid_citation()
    {
        var (draft, dropped) = Parse("""{"narrative":"Follow RB-MADE-UP now.","confidence":"high","evidence_refs":["/api/v3/trace/t-1"],"runbooks":["rb-made-up"]}""");

        Assert.Contains("rb-made-up", CitationCheck.Problem(draft, dropped));
    }

    [Fact]
    public void A_cited_answer_stands_with_its_invented_extras_dropped()
    {
        var (draft, dropped) = Parse("""{"narrative":"Check the antenna.","confidence":"high","evidence_refs":["/api/v3/trace/t-1","x"],"runbooks":["rb-vsat-link-loss","rb-made-up"]}""");

        Assert.Null(CitationCheck.Problem(draft, dropped));
        Assert.Equal(Confidence.High, draft.Confidence);
        Assert.Equal(["rb-vsat-link-loss"], draft.RunbookIds);
    }
}
