using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary>The action every verb with a definition has: read the parsed values, run the verb on them.</summary>
internal static class VerbAction
{
    /// <summary>Makes <paramref name="run"/>, given what <paramref name="read"/> gives, the action of <paramref name="definition"/>.</summary>
    public static Command Set<TOptions>(
        Command definition,
        Func<ParseResult, TOptions> read,
        Func<TOptions, TextWriter, TextWriter, CancellationToken, Task<int>> run)
    {
        CommandRunner.SetAction(definition, (result, stdout, stderr, cancellationToken) => run(read(result), stdout, stderr, cancellationToken));
        return definition;
    }
}
