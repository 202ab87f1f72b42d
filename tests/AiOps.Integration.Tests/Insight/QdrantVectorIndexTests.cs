using AiOps.Core.Insight;
using AiOps.Insight;
using AiOps.Integration.Tests.Support;
using Qdrant.Client;

namespace AiOps.Integration.Tests.Insight;

/// <summary>The Qdrant adapter against a real Qdrant (see <see cref="QdrantFactAttribute"/>).</summary>
[Trait(TestCategory.Name, TestCategory.Component)]
[Trait(TestNeeds.Name, TestNeeds.Qdrant)]
public sealed class QdrantVectorIndexTests
{
    [QdrantFact]
    public async Task Documents_are_upserted_found_by_similarity_and_replaced_by_id()
    {
        var endpoint = new Uri(QdrantFactAttribute.Endpoint!);
        var index = new QdrantVectorIndex(new QdrantClient(endpoint), endpoint);
        var embedder = new LocalTextEmbedder();
        var collection = $"aiops-test-{Guid.NewGuid():N}";

        await index.UpsertAsync(collection,
        [
            new VectorDocument("rb-vsat", embedder.Embed("VSAT carrier lost satellite modem"), new Dictionary<string, string> { ["title"] = "VSAT" }),
            new VectorDocument("rb-disk", embedder.Embed("disk full no space left"), new Dictionary<string, string> { ["title"] = "Disk" }),
        ]);
        await index.UpsertAsync(collection, [new VectorDocument("rb-vsat", embedder.Embed("VSAT carrier lost satellite modem"), new Dictionary<string, string> { ["title"] = "VSAT link loss" })]);
        var matches = await index.SearchAsync(collection, embedder.Embed("modem carrier lost"), 5, 0.1);

        Assert.Equal("rb-vsat", matches[0].Id);
        Assert.Equal("VSAT link loss", matches[0].Payload["title"]);
        Assert.Single(matches, m => m.Id == "rb-vsat");
        Assert.Empty(await index.SearchAsync($"missing-{Guid.NewGuid():N}", embedder.Embed("x"), 5, 0));
    }
}
