namespace AiOps.Integration.Tests.Support;

/// <summary>A test that starts a real nats-server: skipped, with the reason, where the binary is not installed.</summary>
public sealed class RequiresNatsFactAttribute : FactAttribute
{
    public RequiresNatsFactAttribute()
    {
        if (!File.Exists(NatsServer.Binary))
        {
            Skip = "nats-server is not installed (apt-get install nats-server; .ci/run does this)";
        }
    }
}
