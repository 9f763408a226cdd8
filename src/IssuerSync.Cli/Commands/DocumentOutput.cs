using System.Text;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Commands;

/// <summary>Writes a document to stdout (with a final newline) or to a file (exact bytes).</summary>
internal static class DocumentOutput
{
    public static async Task WriteAsync(byte[] document, string? file, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            await stdout.WriteLineAsync(Encoding.UTF8.GetString(document).AsMemory(), cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await File.WriteAllBytesAsync(file, document, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot write {file}: {e.Message}", e);
        }
    }
}
