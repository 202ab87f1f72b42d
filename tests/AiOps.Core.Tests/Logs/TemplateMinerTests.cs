using AiOps.Contracts;
using AiOps.Core.Logs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AiOps.Core.Tests.Logs;

public sealed class TemplateMinerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Lines_that_differ_in_variables_share_one_template()
    {
        var miner = new TemplateMiner();

        var first = miner.Observe("Failed password for root from 10.0.0.1 port 22 ssh2", MessageLevel.Warn, T0);
        var second = miner.Observe("Failed password for admin from 10.0.0.7 port 4022 ssh2", MessageLevel.Warn, T0);

        Assert.True(first.IsNew);
        Assert.False(second.IsNew);
        Assert.Equal(first.Template.Id, second.Template.Id);
        Assert.Equal("Failed password for <*> from <*> port <*> <*>", second.Template.Text);
        Assert.Equal(2, second.Template.LevelCounts[(int)MessageLevel.Warn]);
    }

    [Fact]
    public void Different_messages_get_different_templates()
    {
        var miner = new TemplateMiner();

        var a = miner.Observe("Disk controller reset on sda", MessageLevel.Info, T0);
        var b = miner.Observe("Connection accepted from 10.0.0.2", MessageLevel.Info, T0);
        var c = miner.Observe("Disk controller failure on sdb: giving up", MessageLevel.Info, T0);

        Assert.Equal(3, new[] { a.Template.Id, b.Template.Id, c.Template.Id }.Distinct().Count());
    }

    [Fact]
    public void The_same_line_always_maps_to_the_same_template()
    {
        // Property: whatever came before, a line seen again joins the template it joined last time.
        var random = new Random(7);
        var words = new[] { "open", "close", "read", "write", "error", "retry", "queue", "disk", "socket", "user" };
        for (var trial = 0; trial < 50; trial++)
        {
            var miner = new TemplateMiner();
            var lines = Enumerable.Range(0, 200)
                .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(4) == 0 ? random.Next(1000).ToString() : words[random.Next(words.Length)])))
                .ToList();
            var seen = new Dictionary<string, int>();
            foreach (var line in lines.Concat(lines))
            {
                var id = miner.Observe(line, MessageLevel.Info, T0).Template.Id;
                if (seen.TryGetValue(line, out var before))
                {
                    Assert.Equal(miner.Book.Resolve(before), id);
                }

                seen[line] = id;
            }
        }
    }

    [Fact]
    public void A_template_that_grows_general_absorbs_one_it_now_covers()
    {
        var miner = new TemplateMiner();
        var first = miner.Observe("cache node p q flushed ok", MessageLevel.Info, T0).Template;
        var second = miner.Observe("cache node t u flushed ok", MessageLevel.Error, T0).Template;
        miner.Observe("cache node p u flushed ok", MessageLevel.Info, T0);
        Assert.NotEqual(first.Id, second.Id);

        var general = miner.Observe("cache node x q flushed ok", MessageLevel.Info, T0).Template;

        Assert.Equal("cache node <*> <*> flushed ok", general.Text);
        Assert.Equal(first.Id, general.Id);
        Assert.Equal(general.Id, miner.Book.Resolve(second.Id));
        Assert.Equal(1, miner.Count);
        Assert.Equal(4, general.Count);
        Assert.Equal(1, general.LevelCounts[(int)MessageLevel.Error]);
    }

    [Fact]
    public void The_template_count_is_capped_by_evicting_the_least_used()
    {
        var miner = new TemplateMiner(new TemplateMinerOptions { MaxTemplates = 3 });
        for (var i = 0; i < 5; i++)
        {
            miner.Observe("steady heartbeat message", MessageLevel.Info, T0.AddSeconds(i));
        }

        foreach (var word in new[] { "alpha", "beta", "gamma", "delta", "epsilon" })
        {
            miner.Observe($"{word} {word} {word} {word}", MessageLevel.Info, T0);
        }

        Assert.Equal(3, miner.Count);
        Assert.Equal(3, miner.Book.Evicted);
        Assert.Contains(miner.Book.Templates.Values, t => t.Text == "steady heartbeat message");
        Assert.False(miner.Observe("steady heartbeat message", MessageLevel.Info, T0).IsNew);
    }

    [Fact]
    public void Templates_survive_serialization_and_a_rebuilt_miner_keeps_their_ids()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var miner = new TemplateMiner();
        var known = miner.Observe("Invalid user oracle from 10.0.0.9", MessageLevel.Warn, T0).Template;
        miner.Observe("Invalid user guest from 10.0.0.3", MessageLevel.Error, T0.AddMinutes(1));
        miner.Observe("Accepted publickey for deploy", MessageLevel.Info, T0.AddMinutes(2));

        var stored = serializer.Deserialize<LogTemplateBook>(serializer.SerializeToArray(miner.Book))!;
        var restored = stored.Miner(TemplateMinerOptions.Default);
        var again = restored.Observe("Invalid user pi from 10.0.0.4", MessageLevel.Warn, T0.AddMinutes(3));

        Assert.False(again.IsNew);
        Assert.Equal(known.Id, again.Template.Id);
        Assert.Equal(3, again.Template.Count);
        Assert.Equal(T0, again.Template.FirstSeen);
        Assert.Equal(1, again.Template.ErrorDays);
        Assert.Equal(4, stored.Lines);
        Assert.True(restored.Observe("Something never seen before here", MessageLevel.Info, T0).Template.Id > known.Id + 1);
    }
}
