using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Storage.Tests.Targets.Contract;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.Azure;

/// <summary>The blob target contract on Azurite, and what only Azure has: container access levels, a container to find.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobTargetTests(AzuriteFixture azurite) : ConditionalWriteContract
{
    protected override EmulatorProcess Emulator => azurite.Server;

    protected override string UnreachableCause => $"the storage endpoint {azurite.Server.BlobEndpoint}";

    protected override void KillAfterSave() => azurite.Server.KillAfterMetadataSave();

    protected override async Task<TargetPlace> NewPlaceAsync() => new Container(azurite.Server, await azurite.CreateContainerAsync());

    [Fact]
    public async Task Publish_FailsNamingTheFixAndWritesNothing_WhenTheContainerIsNotAnonymouslyReadable()
    {
        var container = await azurite.CreateContainerAsync(PublicAccessType.None);
        var issuer = $"https://oidc.example.test/{container}";
        var target = AzuriteTargets.Create(azurite.Server, container, string.Empty, issuer);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions()));

        Assert.Equal(
            $"azblob:{azurite.Server.BlobEndpoint}/{container}: the container '{container}' does not allow anonymous read, so clouds cannot fetch the issuer's documents; nothing was written",
            error.Message);
        Assert.Equal(StorageErrorCodes.NotAnonymouslyReadable, error.Code);
        Assert.Equal(
            $"az storage container-rm update --storage-account devstoreaccount1 --name {container} --public-access blob (if the account forbids it, set allowBlobPublicAccess=true, or publish to the $web static website with {{0}}). " +
            "Without it Entra ID fails with AADSTS90061 and AWS STS with InvalidIdentityToken",
            error.Hint!.Text);
        Assert.Equal(new SettingFix(StorageSetting.PublicBaseUrl, SettingChange.Mention, "https://ACCOUNT.zNN.web.core.windows.net"), Assert.Single(error.Hint.Settings));
        Assert.False(await new BlobServiceClient(azurite.Server.ConnectionString).GetBlobContainerClient(container).GetBlobClient(JwksPath).ExistsAsync());
    }

    [Fact]
    public async Task Publish_FailsNamingTheFix_WhenTheContainerDoesNotExist()
    {
        var issuer = "https://oidc.example.test/missing";
        var target = AzuriteTargets.Create(azurite.Server, "missing", string.Empty, issuer);

        var error = await Assert.ThrowsAsync<StorageException>(() => DocumentPublisher.PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), target, new PublishOptions()));

        Assert.StartsWith($"azblob:{azurite.Server.BlobEndpoint}/missing: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("the container 'missing' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(StorageErrorCodes.ContainerMissing, error.Code);
        Assert.StartsWith("az storage container create --account-name devstoreaccount1 --name missing", error.Hint!.Text, StringComparison.Ordinal);
    }

    private sealed class Container(AzuriteBlobServer server, string name) : HttpPlace
    {
        public override IPublishTarget Target(string prefix, string issuer, RequestCounter requests)
            => AzuriteTargets.Create(server, name, prefix, new AzureBlobTargetOptions { PublicBaseUrl = new Uri(issuer), Requests = requests });

        public override Task ReplaceAsync(string prefix, string path, byte[] bytes)
            => new BlobServiceClient(server.ConnectionString).GetBlobContainerClient(name).GetBlobClient(Join(prefix, path)).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);

        public override Task DeleteAsync(string prefix, string path)
            => new BlobServiceClient(server.ConnectionString).GetBlobContainerClient(name).GetBlobClient(Join(prefix, path)).DeleteAsync();

        protected override string UrlOf(string prefix, string path) => $"{server.BlobEndpoint}/{name}/{Join(prefix, path)}";
    }
}
