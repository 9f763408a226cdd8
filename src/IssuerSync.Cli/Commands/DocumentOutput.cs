using System.CommandLine;
using System.Text;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Commands;

/// <summary>Writes a document to stdout (with a final newline) or to a file (exact bytes): the body of the verbs that print one.</summary>
internal static class DocumentOutput
{
    /// <summary>
    /// Makes writing the document <paramref name="build"/> gives the action of <paramref name="command"/>: to the file it names, or to
    /// stdout when that is null (<c>jwks</c>, <c>discovery</c>).
    /// </summary>
    public static Command SetAction(Command command, Func<ParseResult, CancellationToken, Task<(byte[] Document, string? File)>> build)
    {
        CommandRunner.SetAction(command, (result, stdout, stderr, cancellationToken) => CommandRunner.RunAsync(stderr, async () =>
        {
            var (document, file) = await build(result, cancellationToken).ConfigureAwait(false);
            await WriteAsync(document, file, stdout, cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        }));
        return command;
    }

    private static async Task WriteAsync(byte[] document, string? file, TextWriter stdout, CancellationToken cancellationToken)
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
