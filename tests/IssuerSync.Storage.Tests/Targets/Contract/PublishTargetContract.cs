using IssuerSync.Core.Documents;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Testing;

namespace IssuerSync.Storage.Tests.Targets.Contract;

/// <summary>
/// What every publish target does, run against each store (a directory, Azurite, s3rver, and any store added later):
/// the documents a reader gets are the bytes published, an unchanged issuer is not rewritten, a dry run and a
/// misplaced issuer write nothing. A store's test class derives from this (or <see cref="BlobTargetContract"/>).
/// </summary>
public abstract class PublishTargetContract
{
    protected const string DiscoveryPath = ".well-known/openid-configuration";
    protected const string JwksPath = "openid/v1/jwks";

    /// <summary>Whether the store keeps Content-Type and Cache-Control (a blob store) or leaves them to its web server (a directory).</summary>
    protected abstract bool KeepsHeaders { get; }

    /// <summary>A fresh, empty place in the store under test.</summary>
    protected abstract Task<TargetPlace> NewPlaceAsync();

    protected static Task<PublishReport> PublishAsync(IssuerDocuments documents, IPublishTarget target, RequestCounter requests, PublishOptions? options = null)
        => DocumentPublisher.PublishAsync(documents, target, options ?? new PublishOptions(), new PublishProgress(), requests);

    [Fact]
    public async Task Publish_ServesBothDocuments_WithExactBytesAndTheDefaultHeaders()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test/cluster1";
        var documents = TestIssuer.Documents(issuer, TestKeys.Rsa(), TestKeys.Ec("P-384"));
        var requests = new RequestCounter();

        var report = await PublishAsync(documents, place.Target("cluster1", issuer, requests), requests);

        Assert.Equal([DocumentStatus.Written, DocumentStatus.Written], report.Documents.Select(d => d.Status));
        Assert.Equal(2, report.WriteRequests);
        foreach (var (path, bytes) in new[] { (DiscoveryPath, documents.Discovery), (JwksPath, documents.Jwks) })
        {
            var served = await place.ServedAsync("cluster1", path);
            Assert.NotNull(served);
            Assert.Equal(bytes, served.Bytes);
            Assert.Equal(KeepsHeaders ? "application/json" : null, served.ContentType);
            Assert.Equal(KeepsHeaders ? "public, max-age=300" : null, served.CacheControl);
        }
    }

    [Fact]
    public async Task Publish_RewritesNothing_WhenPublishedTwice()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var documents = TestIssuer.Documents(issuer, TestKeys.Ec());
        await PublishAsync(documents, place.Target(string.Empty, issuer, new RequestCounter()), new RequestCounter());
        var before = await StampsAsync(place, string.Empty);
        var requests = new RequestCounter();

        var second = await PublishAsync(documents, place.Target(string.Empty, issuer, requests), requests);

        Assert.Equal([DocumentStatus.Unchanged, DocumentStatus.Unchanged], second.Documents.Select(d => d.Status));
        Assert.Equal(0, second.WriteRequests);
        Assert.Equal(before, await StampsAsync(place, string.Empty));
    }

    [Fact]
    public async Task Publish_ReportsWhatWouldChangeAndWritesNothing_WhenDryRun()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var requests = new RequestCounter();

        var report = await PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), place.Target(string.Empty, issuer, requests), requests, new PublishOptions { DryRun = true });

        Assert.Equal([DocumentStatus.WouldWrite, DocumentStatus.WouldWrite], report.Documents.Select(d => d.Status));
        Assert.Equal(0, report.WriteRequests);
        Assert.Null(await place.ServedAsync(string.Empty, DiscoveryPath));
        Assert.Null(await place.ServedAsync(string.Empty, JwksPath));
    }

    [Fact]
    public async Task Publish_FailsBeforeAnyRequest_WhenTheIssuerIsNotWhereTheTargetIsServed()
    {
        var place = await NewPlaceAsync();
        var requests = new RequestCounter();
        var target = place.Target("cluster1", "https://oidc.example.test/cluster1", requests);

        var error = await Assert.ThrowsAsync<StorageException>(() => PublishAsync(TestIssuer.Documents("https://oidc.example.test/cluster2", TestKeys.Ec()), target, requests));

        Assert.Equal(
            $"{target.DisplayName}: the issuer 'https://oidc.example.test/cluster2' would be unreachable: this target serves the discovery document at https://oidc.example.test/cluster1/.well-known/openid-configuration " +
            "but clouds fetch https://oidc.example.test/cluster2/.well-known/openid-configuration; nothing was written",
            error.Message);
        Assert.Equal(0, requests.Total);
        Assert.Null(await place.ServedAsync("cluster1", JwksPath));
    }

    [Fact]
    public async Task Read_ReturnsNull_WhenNothingIsPublished()
    {
        var place = await NewPlaceAsync();

        Assert.Null(await place.Target(string.Empty, "https://oidc.example.test", new RequestCounter()).ReadAsync(JwksPath));
    }

    protected static async Task<string> StampsAsync(TargetPlace place, string prefix)
        => $"{JwksPath} {await place.StampAsync(prefix, JwksPath)}\n{DiscoveryPath} {await place.StampAsync(prefix, DiscoveryPath)}";
}
