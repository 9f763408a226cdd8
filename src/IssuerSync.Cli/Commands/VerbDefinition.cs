using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// A verb's options and its action, the same for every verb: <see cref="Read"/> the parsed values, then run the verb on them
/// (its <c>RunAsync</c>, which tests call without the parser).
/// </summary>
internal abstract class VerbDefinition<TOptions> : Command
{
    protected VerbDefinition(string name, string description, Func<TOptions, TextWriter, TextWriter, CancellationToken, Task<int>> run)
        : base(name, description)
        => CommandRunner.SetAction(this, (result, stdout, stderr, cancellationToken) => run(Read(result), stdout, stderr, cancellationToken));

    public abstract TOptions Read(ParseResult result);
}
