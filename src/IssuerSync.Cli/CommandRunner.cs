using IssuerSync.Cli.Operators;
using IssuerSync.Core;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli;

/// <summary>Runs a verb's body and turns every failure into one line on stderr and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(TextWriter stderr, Func<Task<ExitCode>> body)
    {
        try
        {
            return (int)await body().ConfigureAwait(false);
        }
        catch (PublisherException e)
        {
            await stderr.WriteLineAsync($"issuersync: error: {e.Message}").ConfigureAwait(false);
            return (int)ExitCode.PublisherFailure;
        }
        catch (StorageException e)
        {
            await stderr.WriteLineAsync($"issuersync: error: {CliStorageWording.Describe(e)}").ConfigureAwait(false);
            return (int)ExitCode.StorageFailure;
        }
        catch (IssuerSyncException e)
        {
            await stderr.WriteLineAsync($"issuersync: error: {e.Message}").ConfigureAwait(false);
            return (int)ExitCode.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("issuersync: cancelled").ConfigureAwait(false);
            return (int)ExitCode.Cancelled;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"issuersync: internal error (please report it): {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return (int)ExitCode.InternalError;
        }
    }
}
