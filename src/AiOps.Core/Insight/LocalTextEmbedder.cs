using Microsoft.Extensions.AI;

namespace AiOps.Core.Insight;

/// <summary>
/// A deterministic embedder for one box with no model: words and word pairs hashed into a fixed number of
/// dimensions (the hashing trick), weighted by log term frequency and L2-normalised. Texts that share words
/// are close; the same text always gives the same vector, on any machine.
/// </summary>
public sealed class LocalTextEmbedder(int dimensions = 384) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Dimensions => dimensions;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public float[] Embed(string text)
    {
        var vector = new float[dimensions];
        var words = Words(text);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            Count(counts, words[i]);
            if (i + 1 < words.Count)
            {
                Count(counts, $"{words[i]} {words[i + 1]}");
            }
        }

        foreach (var (term, count) in counts)
        {
            var hash = Contracts.StableHash.Of(term);
            var sign = (hash & 1) == 0 ? 1f : -1f;
            vector[(int)((uint)hash % (uint)dimensions)] += sign * (1 + MathF.Log(count));
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(LocalTextEmbedder) ? this : null;

    public void Dispose()
    {
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start > 1)
                {
                    words.Add(text[start..i].ToLowerInvariant());
                }

                start = -1;
            }
        }

        return words;
    }

    private static void Count(Dictionary<string, int> counts, string term) => counts[term] = counts.GetValueOrDefault(term) + 1;
}
