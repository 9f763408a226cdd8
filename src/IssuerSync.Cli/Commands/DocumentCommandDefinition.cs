using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// A verb that prints one document (<c>jwks</c>, <c>discovery</c>): its action writes the document <see cref="BuildAsync"/> gives to the
/// file it names, or to stdout when that is null.
/// </summary>
internal abstract class DocumentCommandDefinition : Command
{
    protected DocumentCommandDefinition(string name, string description)
        : base(name, description)
        => CommandRunner.SetAction(this, (result, stdout, stderr, cancellationToken) => CommandRunner.RunAsync(stderr, async () =>
        {
            var (document, file) = await BuildAsync(result, cancellationToken).ConfigureAwait(false);
            await DocumentOutput.WriteAsync(document, file, stdout, cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        }));

    protected abstract Task<(byte[] Document, string? File)> BuildAsync(ParseResult result, CancellationToken cancellationToken);
}
