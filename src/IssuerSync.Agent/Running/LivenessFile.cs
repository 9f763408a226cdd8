namespace IssuerSync.Agent.Running;

/// <summary>
/// The file a liveness probe checks the age of (<c>issuersync-agent probe</c>): written with the time of
/// the last healthy-enough cycle. It holds no secret.
/// </summary>
public sealed class LivenessFile(string path)
{
    public string Path { get; } = path;

    public async Task TouchAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(Path, now.ToString("O") + "\n", cancellationToken).ConfigureAwait(false);
        File.SetLastWriteTimeUtc(Path, now.UtcDateTime);
    }
}
