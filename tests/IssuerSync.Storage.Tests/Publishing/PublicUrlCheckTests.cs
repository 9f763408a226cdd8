using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Directory;
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
        var target = new DirectoryTarget(folder.Path) { PublicBaseUrl = new Uri(publicBase) };

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
        var target = new DirectoryTarget(folder.Path) { PublicBaseUrl = new Uri(publicBase) };

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions()));

        Assert.Equal(
            $"dir:{folder.Path}: the issuer '{issuer}' would be unreachable: this target serves the discovery document at {served} but clouds fetch {issuer}/.well-known/openid-configuration; nothing was written",
            error.Message);
        Assert.Equal(StorageErrorCodes.TargetUnreachableAtIssuer, error.Code);
        Assert.Equal(new SettingFix(StorageSetting.PublicBaseUrl, SettingChange.Set, issuer), Assert.Single(error.Hint!.Settings));
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(folder.Path));
    }
}
