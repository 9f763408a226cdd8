using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Operators;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli;

/// <summary>
/// Runs a verb's body and turns every failure into one line on stderr and an exit code: the publisher's and the
/// storage's refusals here, the rest as every agent host does (<see cref="FailureExit"/>).
/// </summary>
internal static class CommandRunner
{
    public const string ProgramName = "issuersync";

    /// <summary>Makes <paramref name="run"/> the action of <paramref name="command"/>, with the parse result's stdout and stderr.</summary>
    public static void SetAction(Command command, Func<ParseResult, TextWriter, TextWriter, CancellationToken, Task<int>> run)
        => command.SetAction((result, cancellationToken) =>
            run(result, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));

    public static Task<int> RunAsync(TextWriter stderr, Func<Task<ExitCode>> body)
        => FailureExit.RunAsync(ProgramName, stderr, async () =>
        {
            try
            {
                return (int)await body().ConfigureAwait(false);
            }
            catch (PublisherException e)
            {
                await stderr.WriteLineAsync($"{ProgramName}: error: {e.Message}").ConfigureAwait(false);
                return (int)ExitCode.PublisherFailure;
            }
            catch (StorageException e)
            {
                await stderr.WriteLineAsync($"{ProgramName}: error: {CliStorageWording.Describe(e)}").ConfigureAwait(false);
                return (int)ExitCode.StorageFailure;
            }
        });
}
