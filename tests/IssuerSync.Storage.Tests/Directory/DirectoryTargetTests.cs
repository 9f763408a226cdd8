using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Directory;
using IssuerSync.Storage.Tests.Targets.Contract;
using IssuerSync.Testing;

namespace IssuerSync.Storage.Tests.Directory;

/// <summary>The target contract on a folder; a reader is the web server that serves the files.</summary>
public sealed class DirectoryTargetTests : PublishTargetContract, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    protected override bool KeepsHeaders => false;

    protected override Task<TargetPlace> NewPlaceAsync()
        => Task.FromResult<TargetPlace>(new Folder(Path.Combine(_temp.Path, Guid.NewGuid().ToString("N"))));

    private sealed class Folder(string root) : TargetPlace
    {
        public override IPublishTarget Target(string prefix, string issuer, RequestCounter requests)
            => new DirectoryTarget(FileOf(prefix, string.Empty)) { PublicBaseUrl = new Uri(issuer), Requests = requests };

        public override async Task<ServedDocument?> ServedAsync(string prefix, string path)
            => File.Exists(FileOf(prefix, path)) ? new ServedDocument(await File.ReadAllBytesAsync(FileOf(prefix, path)), null, null) : null;

        public override Task<string> StampAsync(string prefix, string path)
            => Task.FromResult(File.GetLastWriteTimeUtc(FileOf(prefix, path)).ToString("O"));

        public override Task ReplaceAsync(string prefix, string path, byte[] bytes) => File.WriteAllBytesAsync(FileOf(prefix, path), bytes);

        public override Task DeleteAsync(string prefix, string path)
        {
            File.Delete(FileOf(prefix, path));
            return Task.CompletedTask;
        }

        private string FileOf(string prefix, string path) => Path.Combine([root, .. $"{prefix}/{path}".Split('/', StringSplitOptions.RemoveEmptyEntries)]);
    }
}
