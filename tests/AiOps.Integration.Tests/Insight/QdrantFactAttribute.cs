namespace AiOps.Integration.Tests.Insight;

/// <summary>A test that needs a real Qdrant: skipped, with the reason, unless <c>Qdrant__Endpoint</c> names one.</summary>
public sealed class QdrantFactAttribute : FactAttribute
{
    public static string? Endpoint => Environment.GetEnvironmentVariable("Qdrant__Endpoint");

    public QdrantFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            Skip = "no Qdrant server: set Qdrant__Endpoint (gRPC, e.g. http://127.0.0.1:6334) to run the Qdrant adapter tests; Qdrant is not installable on this machine";
        }
    }
}
