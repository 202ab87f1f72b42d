using AiOps.Core.Policy;
using AiOps.Core.Privacy;

namespace AiOps.Core.Tests.Policy;

public sealed class PiiRedactorTests
{
    private static readonly PiiRedactor Redactor = new(TestPolicies.Shipped.Privacy);

    [Theory]
    [InlineData("login failed for jane.doe@example.com", "login failed for [email]")]
    [InlineData("card 4111 1111 1111 1111 declined", "card [card] declined")]
    [InlineData("order 1234 5678 9012 3456 ok", "order 1234 5678 9012 3456 ok")]
    [InlineData("guest 10.200.4.17 blocked, crew 10.0.0.5 ok", "guest [guest-ip] blocked, crew 10.0.0.5 ok")]
    [InlineData("call +44 20 7946 0958 now", "call [phone] now")]
    [InlineData("ssn 123-45-6789 on file", "ssn [ssn] on file")]
    [InlineData("db password=hunter2 rejected", "db password=[secret] rejected")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def", "Authorization: Bearer [secret]")]
    [InlineData("router 192.168.100.200 up", "router 192.168.100.200 up")]
    public void Personal_data_and_secrets_are_replaced_and_the_rest_kept(string input, string expected) =>
        Assert.Equal(expected, Redactor.Redact(input));

    [Fact]
    public void Redaction_off_in_policy_leaves_text_alone()
    {
        var policy = PolicyLoader.Load(TestPolicies.Directory).Fleet.Privacy;
        policy.RedactPii = false;

        Assert.Equal("mail a@b.co", new PiiRedactor(policy).Redact("mail a@b.co"));
        Assert.False(policy.Redacts("incident_evidence"));
    }
}
