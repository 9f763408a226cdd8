using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Testing;
using IssuerSync.Cli.Tests.Emulators;
using IssuerSync.Testing.Emulators;
using static IssuerSync.Cli.Tests.Commands.PublishKidDiffTests;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary><c>publish</c> against Azurite: the kid diff read from the served JWKS with no extra request, the warning, and --dry-run writing nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PublishKidDiffAzuriteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Issuer = "https://oidc.example.com/c1";
    private const string JwksBlob = "c1/openid/v1/jwks";
    private const string DiscoveryBlob = "c1/.well-known/openid-configuration";

    private readonly TempDirectory _temp = new();
    private readonly RSA _old = TestKeys.Rsa();
    private readonly RSA _new = TestKeys.Rsa();
    private BlobContainerClient _container = null!;

    private AzuriteBlobServer Azurite => azurite.Server;

    /// <summary>Each test its own container in the run's one Azurite.</summary>
    public async Task InitializeAsync()
        => _container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(await azurite.CreateContainerAsync(PublicAccessType.Blob));

    public Task DisposeAsync()
    {
        _old.Dispose();
        _new.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private string Target => $"azblob:{Azurite.BlobEndpoint}/{_container.Name}/c1";

    private string JwksUrl => $"{Azurite.BlobEndpoint}/{_container.Name}/{JwksBlob}";

    private string DiscoveryUrl => $"{Azurite.BlobEndpoint}/{_container.Name}/{DiscoveryBlob}";

    [Fact]
    public async Task Publish_ReadsTheServedKidsWithoutAnExtraRequest_AndWarnsNamingTheRemovedKid_OnAzurite()
    {
        await PublishAsync(_old, _new);

        var run = await PublishAsync(_new);

        // 8 reads, as before the kid diff: HEAD discovery, GET JWKS (was a HEAD), container properties,
        // read-back of each write, HEAD of both, and the anonymous GET of the discovery document.
        Assert.Equal(0, run.ExitCode);
        var jwks = await SizeAsync(JwksBlob);
        var discovery = await SizeAsync(DiscoveryBlob);
        Assert.Equal(
            Lines(
                $"{"jwks",-9}  {"written",-11}  {jwks,6} bytes  {JwksUrl}",
                $"{"discovery",-9}  {"written",-11}  {discovery,6} bytes  {DiscoveryUrl}",
                $"kids: ={Kid(_new)} (kept), -{Kid(_old)} (removed)",
                $"published: 2 documents, 2 written, 0 unchanged, {jwks + discovery} bytes, 10 requests (8 reads, 2 writes) to {Target}"),
            run.Stdout);
        Assert.Equal(Lines(Warning(Kid(_old), JwksUrl, "removes", "Cache-Control: public, max-age=300")), run.Stderr);
    }

    [Fact]
    public async Task Publish_ShowsTheKidsKeptWithOneRequest_WhenThePairIsUnchanged_OnAzurite()
    {
        await PublishAsync(_new);

        var run = await PublishAsync(_new);

        Assert.Equal("", run.Stderr);
        Assert.Equal($"kids: ={Kid(_new)} (kept)", run.Stdout.Split(Environment.NewLine)[2]);
        Assert.EndsWith($"1 request (1 read, 0 writes) to {Target}{Environment.NewLine}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_ShowsTheKidDiffAndTheWarning_AndWritesNothing_OnAzurite()
    {
        await PublishAsync(_old);
        var before = await StateAsync();

        var run = await PublishAsync(["--dry-run"], _new);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split(Environment.NewLine);
        Assert.StartsWith($"{"jwks",-9}  would write  ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{"discovery",-9}  would write  ", lines[1], StringComparison.Ordinal);
        Assert.Equal($"kids: +{Kid(_new)} (added), -{Kid(_old)} (removed)", lines[2]);
        Assert.Contains(", 2 would be written, 0 unchanged, ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("2 requests (2 reads, 0 writes) to " + Target, lines[3], StringComparison.Ordinal);
        Assert.Equal(Lines(Warning(Kid(_old), JwksUrl, "would remove", "Cache-Control: public, max-age=300")), run.Stderr);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task DryRun_CreatesNoBlob_WhenNothingIsServedYet_OnAzurite()
    {
        var run = await PublishAsync(["--dry-run"], _old);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal($"kids: +{Kid(_old)} (added)", run.Stdout.Split(Environment.NewLine)[2]);
        var blobs = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync())
        {
            blobs.Add(blob.Name);
        }

        Assert.Empty(blobs);
    }

    private async Task<long> SizeAsync(string blob) => (await _container.GetBlobClient(blob).GetPropertiesAsync()).Value.ContentLength;

    private async Task<string> StateAsync()
    {
        var state = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync())
        {
            var content = (await _container.GetBlobClient(blob.Name).DownloadContentAsync()).Value;
            state.Add($"{blob.Name} {content.Details.ETag} {Convert.ToHexString(SHA256.HashData(content.Content.ToArray()))}");
        }

        return string.Join('\n', state);
    }

    private Task<CliRun> PublishAsync(params RSA[] keys) => PublishAsync([], keys);

    private Task<CliRun> PublishAsync(string[] extra, params RSA[] keys)
    {
        var args = new List<string> { "publish", "--issuer", Issuer, "--target", Target, "--connection-string", Azurite.ConnectionString, "--public-base-url", Issuer };
        foreach (var key in keys)
        {
            args.Add("--key");
            args.Add(_temp.Write($"{Kid(key)}.pub", TestKeys.PublicPem(key)));
        }

        args.AddRange(extra);
        return CliRun.InvokeAsync([.. args]);
    }
}
