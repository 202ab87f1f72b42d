using AiOps.Contracts;
using AiOps.Core.Enrichment;

namespace AiOps.Core.Tests.Enrichment;

/// <summary>Fingerprints are kept in grain states and the analytics store: their text must never change.</summary>
public sealed class FingerprintTests
{
    [Theory]
    [InlineData(Domain.Comms, "dev-1", "rf_snr_db", "ship-a|Comms|vsat|link_down|dev-1|rf_snr_db")]
    [InlineData(Domain.App, null, null, "ship-a|App|vsat|link_down|none|-")]
    [InlineData(Domain.Security, "", "", "ship-a|Security|vsat|link_down||")]
    public void The_fingerprint_text_is_the_parts_joined_with_the_domain_name(Domain domain, string? device, string? metric, string expected)
    {
        Assert.Equal(expected, Fingerprint.Of("ship-a", domain, "vsat", "link_down", device, metric));
    }
}
