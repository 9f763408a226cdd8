using IssuerSync.Core.Documents;
using IssuerSync.Core.Registration;
using IssuerSync.Storage.Publishing;

namespace IssuerSync.Storage.Tests.Publishing;

public sealed class DocumentDefaultsTests
{
    [Fact]
    public void CacheControl_IsFiveMinutesPublic_ForPublishOptionsAndRegistrationsAlike()
    {
        var registration = new IssuerRegistration { Id = "prod", Issuer = "https://oidc.example.com/prod", Target = "dir:out", AgentSubject = "system:serviceaccount:issuersync:agent" };

        Assert.Equal("public, max-age=300", DocumentDefaults.CacheControl);
        Assert.Equal(DocumentDefaults.CacheControl, new PublishOptions().CacheControl);
        Assert.Equal(DocumentDefaults.CacheControl, registration.CacheControl);
    }
}
