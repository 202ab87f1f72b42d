using AiOps.Contracts;

namespace AiOps.Core.Logs;

/// <summary>
/// Streaming log template miner of the Drain family (He et al., ICWS 2017): a line is masked
/// (<see cref="LogMasker"/>), routed by its token count and first tokens through a fixed-depth tree, and
/// joins the most similar template at the leaf if it shares enough tokens, turning the tokens that differ into
/// wildcards; otherwise it starts a template. One instance per ship and service; not thread-safe (a grain owns it).
/// </summary>
public sealed class TemplateMiner
{
    private readonly Dictionary<int, ParseNode> _byLength = [];
    private readonly Dictionary<int, LogTemplate> _byId = [];
    private readonly TokenTable _table = new();
    private readonly List<string> _tokens = [];
    private readonly MaskBuffer _scratch = new();

    public TemplateMiner(TemplateMinerOptions? options = null) => Options = options ?? TemplateMinerOptions.Default;

    public TemplateMinerOptions Options { get; }

    public int NextId { get; private set; } = 1;

    public int Count => _byId.Count;

    public IEnumerable<LogTemplate> Templates => _byId.Values;

    public LogTemplate? Find(int id) => _byId.GetValueOrDefault(id);

    /// <summary>Learns from one line and returns the template it joined.</summary>
    public TemplateMatch Observe(ReadOnlySpan<char> message, MessageLevel level, DateTimeOffset ts)
    {
        _tokens.Clear();
        LogMasker.Tokenize(message, _table, _tokens, _scratch);
        var leaf = Leaf(_tokens);
        var best = BestMatch(leaf, _tokens);
        var isNew = best is null;
        if (best is null)
        {
            best = Add(leaf, [.. _tokens]);
        }
        else
        {
            Generalise(best, _tokens);
        }

        best.Record(level, ts);
        return new TemplateMatch(best, isNew);
    }

    /// <summary>Puts back a template from saved state, with its id and counts.</summary>
    public LogTemplate Restore(int id, string[] tokens, long count, DateTimeOffset firstSeen, DateTimeOffset lastSeen, long[] levelCounts)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = _table.Intern(tokens[i]);
        }

        var template = new LogTemplate(id, tokens) { Count = count, FirstSeen = firstSeen, LastSeen = lastSeen };
        levelCounts.AsSpan(0, Math.Min(levelCounts.Length, template.LevelCounts.Length)).CopyTo(template.LevelCounts);
        Place(Leaf(tokens), template);
        NextId = Math.Max(NextId, id + 1);
        return template;
    }

    private ParseNode Leaf(IReadOnlyList<string> tokens)
    {
        if (!_byLength.TryGetValue(tokens.Count, out var node))
        {
            _byLength[tokens.Count] = node = new ParseNode();
        }

        var depth = Math.Min(Options.PrefixDepth, tokens.Count);
        for (var i = 0; i < depth; i++)
        {
            var key = tokens[i].Contains(LogMasker.Wildcard, StringComparison.Ordinal) ? LogMasker.Wildcard : tokens[i];
            if (!node.Children.TryGetValue(key, out var child))
            {
                key = node.Children.Count < Options.MaxChildren ? key : LogMasker.Wildcard;
                if (!node.Children.TryGetValue(key, out child))
                {
                    node.Children[key] = child = new ParseNode();
                }
            }

            node = child;
        }

        return node;
    }

    private LogTemplate? BestMatch(ParseNode leaf, List<string> tokens)
    {
        LogTemplate? best = null;
        var bestScore = -1.0;
        foreach (var template in leaf.Templates)
        {
            var same = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                var own = template.Tokens[i];
                same += ReferenceEquals(own, tokens[i]) || ReferenceEquals(own, LogMasker.Wildcard) || own == tokens[i] ? 1 : 0;
            }

            var score = tokens.Count == 0 ? 1.0 : (double)same / tokens.Count;
            if (score > bestScore)
            {
                bestScore = score;
                best = template;
            }
        }

        return bestScore >= Options.Similarity ? best : null;
    }

    private static void Generalise(LogTemplate template, List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!ReferenceEquals(template.Tokens[i], tokens[i]) && template.Tokens[i] != tokens[i])
            {
                template.Tokens[i] = LogMasker.Wildcard;
            }
        }
    }

    private LogTemplate Add(ParseNode leaf, string[] tokens)
    {
        if (_byId.Count >= Options.MaxTemplates)
        {
            EvictLeastUsed();
        }

        var template = new LogTemplate(NextId++, tokens);
        Place(leaf, template);
        return template;
    }

    private void Place(ParseNode leaf, LogTemplate template)
    {
        template.Leaf = leaf.Templates;
        leaf.Templates.Add(template);
        _byId[template.Id] = template;
    }

    private void EvictLeastUsed()
    {
        LogTemplate? victim = null;
        foreach (var template in _byId.Values)
        {
            if (victim is null || template.Count < victim.Count || (template.Count == victim.Count && template.LastSeen < victim.LastSeen))
            {
                victim = template;
            }
        }

        if (victim is not null)
        {
            victim.Leaf?.Remove(victim);
            _byId.Remove(victim.Id);
        }
    }
}
