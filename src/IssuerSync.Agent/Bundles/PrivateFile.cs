using System.Security.Cryptography;

namespace IssuerSync.Agent.Bundles;

/// <summary>
/// Writes a file that holds a credential: a new file, created owner-only (0600) beside the
/// destination, then renamed over it. The destination's existing inode (perhaps another user's file,
/// or one with a wider mode) is never opened, and a symlink at the destination is replaced itself:
/// its target is never written.
/// </summary>
internal static class PrivateFile
{
    public static async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) && new DirectoryInfo(full).LinkTarget is null)
        {
            throw new IOException("it is a directory");
        }

        var folder = Path.GetDirectoryName(full) ?? throw new IOException("it names no file");
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        var options = new FileStreamOptions
        {
            // CreateNew is O_CREAT|O_EXCL: it fails on anything already there, a symlink included.
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(temporary, options);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            // rename(2): atomically replaces the directory entry, whatever it was (file or symlink).
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
