using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Testing;

namespace IssuerSync.Storage.Tests.Publishing;

/// <summary>The public URL of a target must be the issuer, or nothing is written.</summary>
public sealed class PublicUrlCheckTests
{
    [Theory]
    [InlineData("https://oidc.example.com/c1", "https://oidc.example.com/c1")]
    [InlineData("https://oidc.example.com/c1/", "https://oidc.example.com/c1")]
    [InlineData("https://oidc.example.com/c1", "https://oidc.example.com/c1/")]
    [InlineData("https://oidc.example.com", "https://oidc.example.com")]
    public async Task Publish_Writes_WhenPublicBaseUrlIsTheIssuer(string issuer, string publicBase)
    {
        using var folder = new TempDirectory();
        var target = PublishTargetFactory.Create($"dir:{folder.Path}", new PublishTargetOptions { PublicBaseUrl = new Uri(publicBase) });

        var report = await DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions());

        Assert.Equal(2, report.Written);
    }

    [Theory]
    [InlineData("https://oidc.example.com/c1", "https://oidc.example.com/c2", "https://oidc.example.com/c2/.well-known/openid-configuration")]
    [InlineData("https://oidc.example.com/c1", "https://oidc.example.com", "https://oidc.example.com/.well-known/openid-configuration")]
    [InlineData("https://oidc.example.com/c1", "http://oidc.example.com/c1", "http://oidc.example.com/c1/.well-known/openid-configuration")]
    [InlineData("https://oidc.example.com/C1", "https://oidc.example.com/c1", "https://oidc.example.com/c1/.well-known/openid-configuration")]
    public async Task Publish_FailsBeforeWriting_WhenPublicBaseUrlIsNotTheIssuer(string issuer, string publicBase, string served)
    {
        using var folder = new TempDirectory();
        var target = PublishTargetFactory.Create($"dir:{folder.Path}", new PublishTargetOptions { PublicBaseUrl = new Uri(publicBase) });

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions()));

        Assert.Equal(
            $"dir:{folder.Path}: the issuer '{issuer}' would be unreachable: this target serves the discovery document at {served} but clouds fetch {issuer}/.well-known/openid-configuration; nothing was written. " +
            $"Hint: publish to the target whose URL is the issuer, or pass --public-base-url {issuer} when a CDN, static website or custom domain serves this target at the issuer URL",
            error.Message);
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Create_FailsNamingTheForms_WhenTargetSchemeIsUnknown()
    {
        var error = Assert.Throws<StorageException>(() => PublishTargetFactory.Create("gs://bucket/c1"));

        Assert.Equal("target 'gs://bucket/c1' is not one this version knows: use dir:PATH | azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX] | s3://BUCKET[/PREFIX]", error.Message);
    }
}
