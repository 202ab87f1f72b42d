using System.Net;
using System.Text.Json;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests.Security;

[Trait(TestCategory.Name, TestCategory.Host)]
public sealed class AuditApiTests
{
    [Fact]
    public async Task Policy_reloads_are_audited_and_a_bad_query_names_its_field()
    {
        var policies = PolicyFolder.Copy();
        var keys = new ApiKeys().Add("ada", "admin").With("AiOps:PolicyDirectory", policies);
        await using var host = await TestHost.StartAsync(settings: keys.Settings);
        using var ada = keys.ClientOf(host, "ada");

        PolicyFolder.Edit(policies, "notify.yaml", "threshold_per_min: 20", "threshold_per_min: 25");
        var reload = await TestHost.EventuallyAsync(async () =>
        {
            var page = JsonDocument.Parse(await ada.GetStringAsync("/api/v3/audit?action=policy_reload")).RootElement;
            return page.GetProperty("data").EnumerateArray().Select(e => (JsonElement?)e.Clone()).FirstOrDefault();
        }, "the reload in the audit trail");
        Assert.Equal("success", reload!.Value.GetProperty("status").GetString());
        Assert.Equal("system", reload.Value.GetProperty("user").GetString());

        using var bad = await ada.GetAsync("/api/v3/audit?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("since:", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }
}
