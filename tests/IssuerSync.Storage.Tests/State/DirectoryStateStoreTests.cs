using IssuerSync.Core.Rotation;
using IssuerSync.Storage.State;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Storage.Tests.State;

public sealed class DirectoryStateStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly DirectoryStateStore _store;

    public DirectoryStateStoreTests() => _store = new DirectoryStateStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_ReturnsNull_WhenTheIssuerHasNoState()
    {
        Assert.Null(await _store.ReadAsync("prod"));
    }

    [Fact]
    public async Task TryWriteAsync_CreatesTheDocument_WithAContentHashETag()
    {
        var etag = await _store.TryWriteAsync("prod", StateWorld.Trusted(), ifMatch: null);

        var bytes = await File.ReadAllBytesAsync(_folder.File("prod.json"));
        Assert.Equal(IssuerStateJson.Write(StateWorld.Trusted()), bytes);
        Assert.Equal($"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..32].ToLowerInvariant()}\"", etag);
        var read = await _store.ReadAsync("prod");
        Assert.Equal(etag, read!.ETag);
        Assert.Equal(StateWorld.Trusted().LatestSigningKid, read.State.LatestSigningKid);
    }

    [Fact]
    public async Task TryWriteAsync_ReportsAConflict_WhenCreatingAnExistingDocument()
    {
        await _store.TryWriteAsync("prod", StateWorld.Trusted(), ifMatch: null);

        Assert.Null(await _store.TryWriteAsync("prod", IssuerState.New("prod", StateWorld.Issuer), ifMatch: null));
        Assert.Single((await _store.ReadAsync("prod"))!.State.Keys);
    }

    [Fact]
    public async Task TryWriteAsync_ReportsAConflict_WhenTheETagIsStale()
    {
        var first = await _store.TryWriteAsync("prod", StateWorld.Trusted(), ifMatch: null);
        var second = await _store.TryWriteAsync("prod", StateWorld.Trusted() with { LastObservedAt = StateWorld.Now }, first);

        var stale = await _store.TryWriteAsync("prod", IssuerState.New("prod", StateWorld.Issuer), first);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Null(stale);
        Assert.Equal(StateWorld.Now, (await _store.ReadAsync("prod"))!.State.LastObservedAt);
    }

    [Fact]
    public async Task TryWriteAsync_LetsExactlyOneWriterWin_WhenManyRaceFromTheSameETag()
    {
        var start = await _store.TryWriteAsync("prod", StateWorld.Trusted(), ifMatch: null);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            _store.TryWriteAsync("prod", StateWorld.Trusted() with { LastObservedAt = StateWorld.Now.AddMinutes(i) }, start))));

        Assert.Single(results, r => r is not null);
        Assert.Empty(System.IO.Directory.GetFiles(_folder.Path, "*.tmp"));
    }
}
