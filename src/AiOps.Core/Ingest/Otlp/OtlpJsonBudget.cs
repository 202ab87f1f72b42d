using AiOps.Core.Policy;

namespace AiOps.Core.Ingest.Otlp;

/// <summary>Counts the keys and nesting of a meta object being written, against ingest.yaml's limits.</summary>
internal sealed class OtlpJsonBudget(int maxKeys, int maxDepth)
{
    private int _keys;

    public static OtlpJsonBudget For(IngestLimits limits) => new(limits.MaxMetaKeys, limits.MaxMetaDepth);

    public void Key()
    {
        if (++_keys > maxKeys)
        {
            throw new InvalidItemException($"field 'attributes' has more than {maxKeys} keys, over ingest.yaml limits.max_meta_keys {maxKeys}");
        }
    }

    public void Enter(int depth)
    {
        if (depth > maxDepth)
        {
            throw new InvalidItemException($"field 'attributes' is nested {depth} deep, over ingest.yaml limits.max_meta_depth {maxDepth}");
        }
    }
}
