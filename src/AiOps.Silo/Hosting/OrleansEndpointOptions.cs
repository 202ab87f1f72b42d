using System.Net;

namespace AiOps.Silo.Hosting;

/// <summary>Orleans' own <c>Orleans</c> configuration section: cluster ids, the silo's ports and address.</summary>
public sealed class OrleansEndpointOptions
{
    public string ClusterId { get; set; } = "aiops";
    public string ServiceId { get; set; } = "aiops";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; Orleans picks one when unset.</summary>
    public IPAddress? AdvertisedIPAddress { get; set; }

    public static OrleansEndpointOptions From(IConfiguration configuration) => new()
    {
        ClusterId = configuration["Orleans:ClusterId"] ?? "aiops",
        ServiceId = configuration["Orleans:ServiceId"] ?? "aiops",
        SiloPort = configuration.GetValue("Orleans:Endpoints:SiloPort", 11111),
        GatewayPort = configuration.GetValue("Orleans:Endpoints:GatewayPort", 30000),
        AdvertisedIPAddress = configuration["Orleans:Endpoints:AdvertisedIPAddress"] is { Length: > 0 } address ? IPAddress.Parse(address) : null,
    };
}
