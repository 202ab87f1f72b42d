namespace AiOps.Contracts;

/// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process).</summary>
public static class StableHash
{
    public static int Of(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
