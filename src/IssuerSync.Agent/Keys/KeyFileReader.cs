using IssuerSync.Core;
using IssuerSync.Core.Keys;

namespace IssuerSync.Agent.Keys;

/// <summary>Reads key files from disk, naming the file in every refusal.</summary>
public static class KeyFileReader
{
    /// <summary>No key file is this large; a bigger one is the wrong file (a log, an archive, a device).</summary>
    public const long MaxKeyFileBytes = 1024 * 1024;

    public static async Task<IReadOnlyList<ServiceAccountKey>> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var keys = new List<ServiceAccountKey>();
        foreach (var path in paths)
        {
            keys.AddRange(await ReadAsync(path, cancellationToken).ConfigureAwait(false));
        }

        return keys;
    }

    public static async Task<IReadOnlyList<ServiceAccountKey>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(path))
        {
            throw new KeyFormatException(path, null, "is a directory, not a key file: name the file inside it (e.g. sa.pub or service.key)");
        }

        byte[] content;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new KeyFormatException(path, null, "no such file");
            }

            if (info.Length > MaxKeyFileBytes)
            {
                throw new KeyFormatException(path, null, $"is {info.Length} bytes, too large to be a key file (limit {MaxKeyFileBytes})");
            }

            content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException)
        {
            throw new KeyFormatException(path, null, "permission denied: run as a user who can read it (control-plane keys are usually root-only)");
        }
        catch (IOException e)
        {
            throw new KeyFormatException(path, null, $"cannot be read ({e.Message.TrimEnd('.')})");
        }

        return KeyFileParser.Parse(content, path);
    }
}
