using AiOps.Integration.Tests.Support;
using AiOps.Silo.Security;

namespace AiOps.Integration.Tests.Security;

[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class LoopbackUrlsTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080", true)]
    [InlineData("http://+:8080;http://*:9090", "http://127.0.0.1:8080;http://127.0.0.1:9090", true)]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080", true)]
    [InlineData("http://ship-box.local:8080/base", "http://127.0.0.1:8080/base", true)]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080", false)]
    [InlineData("http://localhost:8080;http://[::1]:8081", "http://localhost:8080;http://[::1]:8081", false)]
    public void Every_address_becomes_loopback(string configured, string expected, bool changed)
    {
        Assert.Equal((expected, changed), LoopbackUrls.Restrict(configured));
    }
}
