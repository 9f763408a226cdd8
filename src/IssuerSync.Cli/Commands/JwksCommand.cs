using System.CommandLine;
using IssuerSync.Core.Documents;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync jwks</c>: print (or write) the JWKS for key files.</summary>
internal static class JwksCommand
{
    public static Command Create()
    {
        var definition = new JwksCommandDefinition();
        CommandRunner.SetAction(definition, (result, stdout, stderr, cancellationToken) => RunAsync(
            result.GetRequiredValue(definition.Keys),
            result.GetValue(definition.Out),
            stdout,
            stderr,
            cancellationToken));
        return definition;
    }

    /// <param name="file">Write the JWKS here; null prints it.</param>
    public static Task<int> RunAsync(
        IReadOnlyList<string> keys,
        string? file,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var keySet = await KeyLoading.LoadAsync(keys, cancellationToken).ConfigureAwait(false);
            await DocumentOutput.WriteAsync(JwksDocument.Build(keySet), file, stdout, cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        });
}
