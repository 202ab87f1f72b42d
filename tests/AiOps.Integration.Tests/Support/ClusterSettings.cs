namespace AiOps.Integration.Tests.Support;

/// <summary>A cluster member's settings for a test: Redis clustering on loopback, its own ports, quick failure detection.</summary>
internal static class ClusterSettings
{
    public static Dictionary<string, string?> Member(string redis, string clusterId, string dataDirectory) => new()
    {
        ["ConnectionStrings:redis"] = redis,
        ["Orleans:ClusterId"] = clusterId,
        ["Orleans:ServiceId"] = "aiops-test",
        ["Orleans:Endpoints:SiloPort"] = FreePorts.Next().ToString(),
        ["Orleans:Endpoints:GatewayPort"] = FreePorts.Next().ToString(),
        ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
        // Notice a dead silo within seconds rather than the production default.
        ["Orleans:ClusterMembership:ProbeTimeout"] = "00:00:01",
        ["Orleans:ClusterMembership:NumMissedProbesLimit"] = "2",
        ["Orleans:ClusterMembership:TableRefreshTimeout"] = "00:00:01",
        ["Orleans:ClusterMembership:IAmAliveTablePublishTimeout"] = "00:00:02",
        ["AiOps:DataDirectory"] = dataDirectory,
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
