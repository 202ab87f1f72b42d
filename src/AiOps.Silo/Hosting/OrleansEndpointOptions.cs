namespace AiOps.Silo.Hosting;

/// <summary>Orleans' own <c>Orleans</c> configuration section: cluster ids and the silo's ports.</summary>
public sealed class OrleansEndpointOptions
{
    public string ClusterId { get; set; } = "aiops";
    public string ServiceId { get; set; } = "aiops";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    public static OrleansEndpointOptions From(IConfiguration configuration) => new()
    {
        ClusterId = configuration["Orleans:ClusterId"] ?? "aiops",
        ServiceId = configuration["Orleans:ServiceId"] ?? "aiops",
        SiloPort = configuration.GetValue("Orleans:Endpoints:SiloPort", 11111),
        GatewayPort = configuration.GetValue("Orleans:Endpoints:GatewayPort", 30000),
    };
}
