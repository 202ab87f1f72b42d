using System.Text.RegularExpressions;
using AiOps.Core.Detection;

namespace AiOps.Core.Tests.Detection;

public sealed class BoundedMatchTests
{
    [Fact]
    public void A_match_that_runs_out_of_time_is_no_match_and_is_counted()
    {
        // Catastrophic backtracking on a line an attacker controls.
        var evil = new Regex("^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(5));
        var before = BoundedMatch.Timeouts;

        Assert.False(BoundedMatch.IsMatch(evil, new string('a', 5000) + "!"));
        Assert.True(BoundedMatch.Timeouts > before);
        Assert.True(BoundedMatch.IsMatch(evil, "aaa"));
    }
}
