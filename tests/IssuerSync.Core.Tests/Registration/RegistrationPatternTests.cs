using IssuerSync.Core.CloudSetup;
using IssuerSync.Core.Registration;

namespace IssuerSync.Core.Tests.Registration;

/// <summary>The name patterns anchor at the very end: '$' would also match before a trailing newline.</summary>
public class RegistrationPatternTests
{
    private static readonly IssuerRegistration Valid = new()
    {
        Id = "prod",
        Issuer = "https://oidc.example.com/prod",
        Target = "dir:/srv/oidc",
        AgentSubject = "system:serviceaccount:issuersync:agent",
    };

    [Theory]
    [InlineData("prod\n", "Id")]
    [InlineData("prod\r\n", "Id")]
    [InlineData("system:serviceaccount:issuersync:agent\n", "AgentSubject")]
    [InlineData("system:serviceaccount:issuersync\n:agent", "AgentSubject")]
    public void Validate_RefusesAName_WhenItEndsWithANewline(string value, string field)
    {
        var registration = field == "Id" ? Valid with { Id = value } : Valid with { AgentSubject = value };

        var problem = Assert.Single(RegistrationValidator.Validate([registration]));

        Assert.EndsWith($".{field}", problem.Name, StringComparison.Ordinal);
        Assert.Equal(value, problem.Value);
    }

    [Fact]
    public void Validate_AcceptsTheSameNames_WithoutTheNewline()
        => Assert.Empty(RegistrationValidator.Validate([Valid]));

    [Theory]
    [InlineData("payments\n", "api")]
    [InlineData("payments", "api\n")]
    public void WorkloadIdentity_RefusesAName_WhenItEndsWithANewline(string @namespace, string serviceAccount)
    {
        var error = Assert.Throws<IssuerSyncException>(() => WorkloadIdentity.Create("https://oidc.example.com/prod", @namespace, serviceAccount));

        Assert.StartsWith(@namespace.EndsWith('\n') ? "--namespace" : "--service-account", error.Message, StringComparison.Ordinal);
    }
}
