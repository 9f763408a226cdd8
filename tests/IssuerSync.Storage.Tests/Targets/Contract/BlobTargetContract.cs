using IssuerSync.Core.Documents;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Tests.Publishing;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Storage.Tests.Targets.Contract;

/// <summary>
/// What every blob store does beyond <see cref="PublishTargetContract"/>: exact bytes, headers and metadata through its
/// primitives, one HEAD for an unchanged issuer, the pair record rewritten with the keys, and a
/// previous pair still served when the store dies mid-publish. The emulator is the run's shared one: the tests of its
/// collection run one at a time, so a test that kills it restarts it on the same data before the next test.
/// </summary>
public abstract class BlobTargetContract : PublishTargetContract
{
    protected sealed override bool KeepsHeaders => true;

    /// <summary>The store's emulator, to kill and restart.</summary>
    protected abstract EmulatorProcess Emulator { get; }

    /// <summary>How an emulator that stopped answering is described after "cannot write URL: ".</summary>
    protected abstract string UnreachableCause { get; }

    /// <summary>Stops the emulator once what it was told is on disk (so a restart serves it, as a real store would).</summary>
    protected abstract void KillAfterSave();

    [Fact]
    public async Task Write_StoresTheExactBytesHeadersAndMetadata_ReadBackEveryWay()
    {
        var place = await NewPlaceAsync();
        var target = Blob(place, "c1");
        var bytes = "{\"keys\":[]}\n"u8.ToArray();
        var content = new DocumentContent(bytes, "application/jwk-set+json", "public, max-age=60") { Metadata = new Dictionary<string, string> { ["issuersyncsha256"] = "abc123" } };

        var etag = await target.WriteAsync(JwksPath, content, WriteCondition.MustNotExist);

        var read = await target.ReadAsync(JwksPath);
        var head = await target.ReadPropertiesAsync(JwksPath);
        var served = await place.ServedAsync("c1", JwksPath);
        Assert.Equal(bytes, read!.Bytes);
        Assert.Equal(("application/jwk-set+json", "public, max-age=60", etag, "abc123"), (read.ContentType, read.CacheControl, read.ETag, read.Metadata["issuersyncsha256"]));
        Assert.Equal((etag, bytes.Length, "application/jwk-set+json", "public, max-age=60", "abc123"), (head!.ETag, head.Length, head.ContentType, head.CacheControl, head.MetadataValue("issuersyncsha256")));
        Assert.Equal(bytes, served!.Bytes);
        Assert.Equal(("application/jwk-set+json", "public, max-age=60"), (served.ContentType, served.CacheControl));
    }

    [Fact]
    public async Task Publish_RewritesJwksAndTheDiscoveryPairRecord_WhenKeysRotateWithTheSameAlgorithm()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var old = TestKeys.Ec();
        await PublishAsync(TestIssuer.Documents(issuer, old), place.Target(string.Empty, issuer, new RequestCounter()), new RequestCounter());
        var rotated = TestIssuer.Documents(issuer, old, TestKeys.Ec());

        var report = await PublishAsync(rotated, place.Target(string.Empty, issuer, new RequestCounter()), new RequestCounter());

        Assert.Equal([DocumentStatus.Written, DocumentStatus.Written], report.Documents.Select(d => d.Status));
        Assert.Equal(rotated.Jwks, (await place.ServedAsync(string.Empty, JwksPath))?.Bytes);
        Assert.Equal(rotated.Discovery, (await place.ServedAsync(string.Empty, DiscoveryPath))?.Bytes);
    }

    [Fact]
    public async Task Publish_UsesConfiguredHeaders_WhenJwksContentTypeAndCacheControlAreSet()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test/c";

        await PublishAsync(TestIssuer.Documents(issuer, TestKeys.Ec()), place.Target("c", issuer, new RequestCounter()), new RequestCounter(), new PublishOptions { JwksContentType = "application/jwk-set+json", CacheControl = "public, max-age=60" });

        var jwks = await place.ServedAsync("c", JwksPath);
        Assert.Equal(("application/jwk-set+json", "public, max-age=60"), (jwks?.ContentType, jwks?.CacheControl));
        Assert.Equal("application/json", (await place.ServedAsync("c", DiscoveryPath))?.ContentType);
    }

    [Fact]
    public async Task Publish_SendsOneRequest_WhenPublishedTwice_AndTwoWithAFullCheck()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var documents = TestIssuer.Documents(issuer, TestKeys.Rsa());
        await PublishAsync(documents, place.Target(string.Empty, issuer, new RequestCounter()), new RequestCounter());
        var before = await StampsAsync(place, string.Empty);
        var (secondRequests, fullRequests) = (new RequestCounter(), new RequestCounter());

        var second = await PublishAsync(documents, place.Target(string.Empty, issuer, secondRequests), secondRequests);
        var full = await PublishAsync(documents, place.Target(string.Empty, issuer, fullRequests), fullRequests, new PublishOptions { FullCheck = true });

        Assert.Equal([DocumentStatus.Unchanged, DocumentStatus.Unchanged], second.Documents.Select(d => d.Status));
        Assert.Equal((1L, 0L), (second.ReadRequests, second.WriteRequests));
        Assert.Equal((2L, 0L), (full.ReadRequests, full.WriteRequests));
        Assert.Equal(before, await StampsAsync(place, string.Empty));
    }

    [Fact]
    public async Task Publish_RewritesOnlyJwks_WhenItWasChangedBehindThePublisherAndFullCheckIsSet()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var documents = TestIssuer.Documents(issuer, TestKeys.Rsa());
        await PublishAsync(documents, place.Target(string.Empty, issuer, new RequestCounter()), new RequestCounter());
        await place.ReplaceAsync(string.Empty, JwksPath, "{\"keys\":[]}"u8.ToArray());

        var report = await PublishAsync(documents, place.Target(string.Empty, issuer, new RequestCounter()), new RequestCounter(), new PublishOptions { FullCheck = true });

        Assert.Equal([DocumentStatus.Written, DocumentStatus.Unchanged], report.Documents.Select(d => d.Status));
        Assert.Equal(documents.Jwks, (await place.ServedAsync(string.Empty, JwksPath))?.Bytes);
    }

    [Fact]
    public async Task Publish_LeavesThePreviousPairServed_WhenTheStoreDiesBeforeTheJwksWrite()
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test";
        var rsa = TestKeys.Rsa();
        var before = TestIssuer.Documents(issuer, rsa);
        await PublishAsync(before, place.Target(string.Empty, issuer, new RequestCounter()), new RequestCounter());
        var target = Blob(place, string.Empty);
        var faulty = new FaultInjectingTarget(target, JwksPath, KillAfterSave, afterWrite: false);

        var error = await WhileKilledAsync(() => PublishAsync(TestIssuer.Documents(issuer, rsa, TestKeys.Ec()), faulty, new RequestCounter()));

        Assert.StartsWith($"the jwks document was not published: {target.DisplayName}: cannot write {target.LocationOf(JwksPath)}: {UnreachableCause}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("State: nothing was changed: the previously published documents are still served", error.Message, StringComparison.Ordinal);
        Assert.Equal(before.Discovery, (await place.ServedAsync(string.Empty, DiscoveryPath))?.Bytes);
        Assert.Equal(before.Jwks, (await place.ServedAsync(string.Empty, JwksPath))?.Bytes);
    }

    public static TheoryData<string, bool, string, string> MidPublishDeaths => new()
    {
        {
            DiscoveryPath, false,
            "the discovery document was not published: {target}: cannot write {discovery}: ",
            "State: the new JWKS is published and the previous discovery document is still served next to it (run publish again to finish)"
        },
        {
            JwksPath, true,
            "the jwks document was written but could not be read back: {target}: cannot read {jwks}: ",
            "State: the new JWKS was written but not verified, and the previous discovery document is still served next to it; run publish again to verify and finish"
        },
    };

    [Theory]
    [MemberData(nameof(MidPublishDeaths))]
    public async Task Publish_KeepsThePreviousDiscoveryWithAJwksHoldingItsKeys_WhenTheStoreDiesBetweenTheWrites(string at, bool afterWrite, string start, string end)
    {
        var place = await NewPlaceAsync();
        var issuer = "https://oidc.example.test/c1";
        var rsa = TestKeys.Rsa();
        var before = TestIssuer.Documents(issuer, rsa);
        var after = TestIssuer.Documents(issuer, rsa, TestKeys.Ec());
        await PublishAsync(before, place.Target("c1", issuer, new RequestCounter()), new RequestCounter());
        var target = Blob(place, "c1");
        var faulty = new FaultInjectingTarget(target, at, KillAfterSave, afterWrite);

        var error = await WhileKilledAsync(() => PublishAsync(after, faulty, new RequestCounter()));

        Assert.StartsWith(start.Replace("{target}", target.DisplayName).Replace("{discovery}", target.LocationOf(DiscoveryPath)).Replace("{jwks}", target.LocationOf(JwksPath)), error.Message, StringComparison.Ordinal);
        Assert.EndsWith(end, error.Message, StringComparison.Ordinal);
        Assert.Equal(before.Discovery, (await place.ServedAsync("c1", DiscoveryPath))?.Bytes);
        var jwks = (await place.ServedAsync("c1", JwksPath))!.Bytes;
        Assert.Equal(after.Jwks, jwks);
        Assert.Subset(TestIssuer.JwksAlgorithms(jwks).ToHashSet(), TestIssuer.DiscoveryAlgorithms(before.Discovery).ToHashSet());

        var retry = await PublishAsync(after, place.Target("c1", issuer, new RequestCounter()), new RequestCounter());

        Assert.Equal([DocumentStatus.Unchanged, DocumentStatus.Written], retry.Documents.Select(d => d.Status));
        Assert.Equal(after.Discovery, (await place.ServedAsync("c1", DiscoveryPath))?.Bytes);
    }

    /// <summary>The target of PREFIX as a blob target (served at https://oidc.example.test[/PREFIX]).</summary>
    protected static IBlobTarget Blob(TargetPlace place, string prefix)
        => (IBlobTarget)place.Target(prefix, prefix.Length > 0 ? $"https://oidc.example.test/{prefix}" : "https://oidc.example.test", new RequestCounter());

    /// <summary>The storage failure of a publish that kills the emulator, with the emulator restarted on its data afterwards, even when the publish did not fail.</summary>
    private async Task<StorageException> WhileKilledAsync(Func<Task<PublishReport>> publish)
    {
        try
        {
            return await Assert.ThrowsAsync<StorageException>(publish);
        }
        finally
        {
            Emulator.Restart();
        }
    }
}
