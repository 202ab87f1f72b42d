using AiOps.Core.Logs;

namespace AiOps.Core.Tests.Logs;

public sealed class LogMaskerTests
{
    [Theory]
    [InlineData("took 20ms to write 1.5GB", "took <*> to write <*>")]
    [InlineData("from 10.251.39.209:50010 port 22", "from <*> port <*>")]
    [InlineData("request 3f2b8c1e-9a4d-4e7b-8c2a-0d1e2f3a4b5c done", "request <*> done")]
    [InlineData("HRESULT = 0x800f080d", "HRESULT = <*>")]
    [InlineData("block blk_-5078186985701364847 stored", "block blk_<*> stored")]
    [InlineData("opened /var/log/app/current.log for C:\\temp\\x", "opened <*> for <*>")]
    [InlineData("GET https://example.org/a?b=c failed", "GET <*> failed")]
    [InlineData("progress 0.295472 of 1", "progress <*> of <*>")]
    [InlineData("at 2016-09-28 16:00:46.635 ok", "at <*> <*> ok")]
    [InlineData("sleepTime=1000 retries=10", "sleepTime=<*> retries=<*>")]
    [InlineData("connection refused by peer", "connection refused by peer")]
    public void Variables_are_masked_and_words_kept(string message, string expected)
    {
        var tokens = new List<string>();

        LogMasker.Tokenize(message, new TokenTable(), tokens, new MaskBuffer());

        Assert.Equal(expected, string.Join(' ', tokens));
    }

    [Fact]
    public void A_full_token_table_still_returns_every_token()
    {
        var table = new TokenTable(capacity: 2);
        var tokens = new List<string>();

        LogMasker.Tokenize("alpha beta gamma delta", table, tokens, new MaskBuffer());

        Assert.Equal(["alpha", "beta", "gamma", "delta"], tokens);
        Assert.True(table.Count <= 3);
    }
}
