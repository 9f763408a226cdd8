using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Core.Push;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Hosting;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.Faults;

/// <summary>The documents' storage goes away in the middle of a rotation: the push is answered, nothing is lost, and reconcile finishes the job.</summary>
public sealed class TargetFaultTests : IAsyncLifetime
{
    private const string JwksBlob = "openid/v1/jwks";

    private readonly TempDirectory _state = new();
    // Its own Azurite, not the run's shared one (State.AzuriteCollection): this test kills and restarts it.
    private AzuriteBlobServer _documents = null!;

    public async Task InitializeAsync()
    {
        _documents = new AzuriteBlobServer();
        await new BlobServiceClient(_documents.ConnectionString).GetBlobContainerClient("oidc").CreateAsync(PublicAccessType.Blob);
    }

    public async Task DisposeAsync()
    {
        await _documents.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task PushAsync_IsAcceptedWithAFailedPublish_WhileStorageIsDown_AndReconcilePublishesWhenItIsBack()
    {
        var clock = new FakeTimeProvider(StateWorld.Now);
        var issuer = new IssuerSettings { Registration = StateWorld.Prod with { Target = $"azblob:{_documents.BlobEndpoint}/oidc" }, PublicBaseUrl = new Uri(StateWorld.Issuer) };
        var app = PublisherApp.Create(
            new PublisherSettings { StateStore = "dir:" + _state.Path, Issuers = [issuer] },
            new PublisherDependencies { Time = clock, StateStore = new DirectoryStateStore(_state.Path), Targets = new QuickFailTargets(_documents) });
        await app.Push.PushAsync(StateWorld.Body(clock.GetUtcNow(), StateWorld.Signer), StateWorld.Token(clock.GetUtcNow()), null);
        Assert.Equal(200, (await app.Operators.ApproveAsync("prod", Services.PublisherWorldApproval.For(StateWorld.Signer))).HttpStatus);
        var served = await DownloadAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var added = TestKeys.Ec();

        _documents.KillAfterMetadataSave();
        var push = await app.Push.PushAsync(StateWorld.Body(clock.GetUtcNow(), StateWorld.Signer, added), StateWorld.Token(clock.GetUtcNow()), null);
        var whileDown = await app.Reconcile.ReconcileIssuerAsync("prod");
        _documents.Restart();
        var servedAfterRestart = await DownloadAsync();
        var reconciled = await app.Reconcile.ReconcileIssuerAsync("prod");

        Assert.Equal(200, push.HttpStatus);
        Assert.Equal("accepted", push.Response.Status);
        Assert.Equal(PublishSummary.Failed, push.Response.Publish!.Status);
        Assert.Contains(TestKeys.ExpectedKid(added), push.Response.Published);
        Assert.False(whileDown.Succeeded);
        Assert.True(whileDown.Transient);
        Assert.Equal(served, servedAfterRestart);
        Assert.True(reconciled.Succeeded);
        Assert.Equal(PublishSummary.Published, reconciled.Publish);
        Assert.Equal(Services.PublisherWorld.JwksOf(StateWorld.Signer, added), await DownloadAsync());
    }

    private async Task<byte[]> DownloadAsync()
        => (await new BlobServiceClient(_documents.ConnectionString).GetBlobContainerClient("oidc").GetBlobClient(JwksBlob).DownloadContentAsync()).Value.Content.ToArray();

    /// <summary>The Azure target with one quick retry, so a dead emulator fails in a second rather than the production back-off.</summary>
    private sealed class QuickFailTargets(AzuriteBlobServer server) : IPublishTargetProvider
    {
        private IPublishTarget? _target;

        public IPublishTarget For(IssuerSettings issuer) => _target ??= Create(issuer);

        private AzureBlobTarget Create(IssuerSettings issuer)
        {
            var location = AzureBlobLocation.Parse(issuer.Registration.Target["azblob:".Length..]);
            var options = new AzureBlobTargetOptions
            {
                PublicBaseUrl = issuer.PublicBaseUrl,
                MaxRetries = 1,
                RetryDelay = TimeSpan.FromMilliseconds(100),
                NetworkTimeout = TimeSpan.FromSeconds(5),
            };
            return AzureBlobTarget.Create(AzureBlobClients.FromConnectionString(server.ConnectionString, location, AzureBlobClients.Options(options)), location, options);
        }
    }
}
