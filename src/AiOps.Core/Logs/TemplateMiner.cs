using AiOps.Contracts;

namespace AiOps.Core.Logs;

/// <summary>
/// Streaming log template miner of the Drain family (He et al., ICWS 2017): a line is masked
/// (<see cref="LogMasker"/>), routed by its token count and first tokens through a fixed-depth tree, and
/// joins the most similar template at the leaf if it shares enough tokens, turning the tokens that differ into
/// wildcards; otherwise it starts a template. One instance per ship and service over its
/// <see cref="LogTemplateBook"/>; not thread-safe (a grain owns it).
/// </summary>
public sealed class TemplateMiner
{
    private readonly Dictionary<int, ParseNode> _byLength = [];
    private readonly TokenTable _table = new();
    private readonly List<string> _tokens = [];
    private readonly MaskBuffer _scratch = new();

    public TemplateMiner(TemplateMinerOptions? options = null)
        : this(new LogTemplateBook(), options)
    {
    }

    /// <summary>A miner over saved templates: they are put back in the tree with their ids and counts.</summary>
    public TemplateMiner(LogTemplateBook book, TemplateMinerOptions? options = null)
    {
        Book = book;
        Options = options ?? TemplateMinerOptions.Default;
        foreach (var template in book.Templates.Values)
        {
            for (var i = 0; i < template.Tokens.Length; i++)
            {
                template.Tokens[i] = _table.Intern(template.Tokens[i]);
            }

            Place(Leaf(template.Tokens), template);
        }
    }

    public LogTemplateBook Book { get; }

    public TemplateMinerOptions Options { get; }

    public int Count => Book.Templates.Count;

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
        else if (Generalise(best, _tokens))
        {
            AbsorbSubsumed(best);
        }

        best.Record(level, ts);
        Book.Lines++;
        Book.FirstLine ??= ts;
        return new TemplateMatch(best, isNew);
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
                // Past the cap, further distinct tokens share one branch, so a variable in front stays bounded.
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

    /// <summary>Turns the template's tokens that differ from the line into wildcards; true if any did.</summary>
    private static bool Generalise(LogTemplate template, List<string> tokens)
    {
        var changed = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!ReferenceEquals(template.Tokens[i], tokens[i]) && template.Tokens[i] != tokens[i])
            {
                template.Tokens[i] = LogMasker.Wildcard;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// A template that has become more general may now cover another at its leaf: that one is merged into it
    /// (counts added, its id kept as an alias), so a line keeps one template however the order of lines went.
    /// </summary>
    private void AbsorbSubsumed(LogTemplate general)
    {
        var leaf = general.Leaf!;
        for (var j = leaf.Count - 1; j >= 0; j--)
        {
            var other = leaf[j];
            if (ReferenceEquals(other, general) || !Covers(general, other))
            {
                continue;
            }

            general.Absorb(other);
            leaf.RemoveAt(j);
            Book.Templates.Remove(other.Id);
            Book.Alias(other.Id, general.Id, Options.MaxTemplates);
        }
    }

    private static bool Covers(LogTemplate general, LogTemplate specific)
    {
        for (var i = 0; i < general.Tokens.Length; i++)
        {
            var token = general.Tokens[i];
            if (!ReferenceEquals(token, LogMasker.Wildcard) && token != specific.Tokens[i])
            {
                return false;
            }
        }

        return true;
    }

    private LogTemplate Add(ParseNode leaf, string[] tokens)
    {
        if (Book.Templates.Count >= Options.MaxTemplates)
        {
            EvictLeastUsed();
        }

        var template = new LogTemplate { Id = Book.NextId++, Tokens = tokens };
        Place(leaf, template);
        return template;
    }

    private void Place(ParseNode leaf, LogTemplate template)
    {
        template.Leaf = leaf.Templates;
        leaf.Templates.Add(template);
        Book.Templates[template.Id] = template;
    }

    /// <summary>Drops the template with the fewest lines (the longest unseen among equals) to keep memory bounded.</summary>
    private void EvictLeastUsed()
    {
        LogTemplate? victim = null;
        foreach (var template in Book.Templates.Values)
        {
            if (victim is null || template.Count < victim.Count || (template.Count == victim.Count && template.LastSeen < victim.LastSeen))
            {
                victim = template;
            }
        }

        if (victim is not null)
        {
            victim.Leaf?.Remove(victim);
            Book.Templates.Remove(victim.Id);
            Book.Evicted++;
        }
    }
}
