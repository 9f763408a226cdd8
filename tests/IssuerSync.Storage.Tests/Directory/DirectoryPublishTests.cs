using System.Text;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Directory;
using IssuerSync.Testing;

namespace IssuerSync.Storage.Tests.Directory;

public sealed class DirectoryPublishTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static IssuerDocuments Documents(string issuer = "https://oidc.example.com/c1", params System.Security.Cryptography.AsymmetricAlgorithm[] keys)
    {
        var set = KeySet.Create((keys.Length == 0 ? [TestKeys.Rsa()] : keys).Select(k => ServiceAccountKey.FromSubjectPublicKeyInfo(k.ExportSubjectPublicKeyInfo(), "test", null)));
        return IssuerDocuments.Create(IssuerUrl.Parse(issuer), null, set);
    }

    [Fact]
    public async Task Publish_WritesBothDocumentsAtTheirServedPaths_JwksFirst()
    {
        var documents = Documents();
        var target = new DirectoryTarget(_temp.Path);

        var report = await DocumentPublisher.PublishAsync(documents, target, new PublishOptions());

        Assert.Equal(["jwks", "discovery"], report.Documents.Select(d => d.Document));
        Assert.All(report.Documents, d => Assert.Equal(DocumentStatus.Written, d.Status));
        Assert.Equal(documents.Jwks, File.ReadAllBytes(_temp.File("openid/v1/jwks")));
        Assert.Equal(documents.Discovery, File.ReadAllBytes(_temp.File(".well-known/openid-configuration")));
        Assert.Equal(documents.Jwks.Length, report.Documents[0].Bytes);
    }

    [Fact]
    public async Task Publish_RewritesNothing_WhenDocumentsAreUnchanged()
    {
        var documents = Documents();
        var target = new DirectoryTarget(_temp.Path);
        await DocumentPublisher.PublishAsync(documents, target, new PublishOptions());
        var jwksFile = _temp.File("openid/v1/jwks");
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(jwksFile, stamp);
        File.SetLastWriteTimeUtc(_temp.File(".well-known/openid-configuration"), stamp);

        var report = await DocumentPublisher.PublishAsync(documents, target, new PublishOptions());

        Assert.All(report.Documents, d => Assert.Equal(DocumentStatus.Unchanged, d.Status));
        Assert.Equal(0, report.Written);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(jwksFile));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(_temp.File(".well-known/openid-configuration")));
    }

    [Fact]
    public async Task Publish_ReplacesOnlyTheJwks_WhenAKeyIsAdded()
    {
        using var a = TestKeys.Rsa();
        using var b = TestKeys.Ec();
        var target = new DirectoryTarget(_temp.Path);
        await DocumentPublisher.PublishAsync(Documents("https://oidc.example.com/c1", a), target, new PublishOptions());

        var rotated = Documents("https://oidc.example.com/c1", a, b);
        var report = await DocumentPublisher.PublishAsync(rotated, target, new PublishOptions());

        Assert.Equal(DocumentStatus.Written, report.Documents[0].Status);
        Assert.Equal(DocumentStatus.Written, report.Documents[1].Status); // algs now list ES256 too
        Assert.Equal(rotated.Jwks, File.ReadAllBytes(_temp.File("openid/v1/jwks")));
        Assert.Empty(System.IO.Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Publish_DryRun_WritesNothingAndSaysWhatWouldChange()
    {
        var report = await DocumentPublisher.PublishAsync(Documents(), new DirectoryTarget(_temp.Path), new PublishOptions { DryRun = true });

        Assert.All(report.Documents, d => Assert.Equal(DocumentStatus.WouldWrite, d.Status));
        Assert.False(File.Exists(_temp.File("openid/v1/jwks")));
    }

    [Fact]
    public async Task Publish_RefusesAJwksUriOutsideTheIssuer_BeforeWritingAnything()
    {
        var documents = IssuerDocuments.Create(IssuerUrl.Parse("https://oidc.example.com/c1"), JwksUri.Parse("https://keys.example.com/jwks"), Documents().Keys);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(documents, new DirectoryTarget(_temp.Path), new PublishOptions()));

        Assert.Contains("jwks_uri 'https://keys.example.com/jwks' is not under the issuer 'https://oidc.example.com/c1'", error.Message, StringComparison.Ordinal);
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task Publish_LeavesThePreviousDocumentsIntact_WhenTheDiscoveryWriteFails()
    {
        using var a = TestKeys.Rsa();
        using var b = TestKeys.Rsa();
        var target = new DirectoryTarget(_temp.Path);
        var first = Documents("https://oidc.example.com/c1", a);
        await DocumentPublisher.PublishAsync(first, target, new PublishOptions());

        // A directory in the discovery document's place: the rename fails after the JWKS write succeeded.
        File.Delete(_temp.File(".well-known/openid-configuration"));
        System.IO.Directory.CreateDirectory(_temp.File(".well-known/openid-configuration"));
        var jwksBefore = File.ReadAllBytes(_temp.File("openid/v1/jwks"));

        var second = Documents("https://oidc.example.com/c1", a, b);
        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(second, target, new PublishOptions()));

        Assert.StartsWith($"dir:{_temp.Path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("openid-configuration", error.Message, StringComparison.Ordinal);
        Assert.Empty(System.IO.Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));

        // The JWKS now lists both keys (a superset of what the old discovery document's consumers need): the old key still verifies.
        var published = JwksParser.Parse(File.ReadAllBytes(_temp.File("openid/v1/jwks")));
        Assert.Contains(first.Keys.Keys[0].Kid, published.Keys.Select(k => k.Kid));
        Assert.NotEqual(jwksBefore, File.ReadAllBytes(_temp.File("openid/v1/jwks")));
    }

    [Fact]
    public async Task Read_ReturnsNull_WhenNothingIsPublished()
    {
        Assert.Null(await new DirectoryTarget(_temp.Path).ReadAsync("openid/v1/jwks"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a//b")]
    [InlineData("./a")]
    public void FullPathOf_RefusesPathsThatLeaveTheRoot(string path)
    {
        var error = Assert.Throws<StorageException>(() => new DirectoryTarget(_temp.Path).FullPathOf(path));

        Assert.Contains($"document path '{path}' is not a plain relative path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ProducesTheSameBytes_ForAnIssuerWithATrailingSlash()
    {
        var documents = Documents("https://oidc.example.com/c1/");

        await DocumentPublisher.PublishAsync(documents, new DirectoryTarget(_temp.Path), new PublishOptions());

        var discovery = Encoding.UTF8.GetString(File.ReadAllBytes(_temp.File(".well-known/openid-configuration")));
        Assert.StartsWith("{\"issuer\":\"https://oidc.example.com/c1/\",\"jwks_uri\":\"https://oidc.example.com/c1/openid/v1/jwks\"", discovery, StringComparison.Ordinal);
    }
}
