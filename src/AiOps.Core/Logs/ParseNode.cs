namespace AiOps.Core.Logs;

/// <summary>A node of the miner's fixed-depth parse tree: children by token, templates at the leaves.</summary>
internal sealed class ParseNode
{
    public Dictionary<string, ParseNode> Children { get; } = new(StringComparer.Ordinal);

    public List<LogTemplate> Templates { get; } = [];
}
