using IssuerSync.Core;

namespace IssuerSync.Agent.Hosting;

/// <summary>Runs a command's body and turns every failure into one line on stderr and an exit code.</summary>
public static class FailureExit
{
    /// <param name="program">The name the line starts with: the executable the user typed.</param>
    public static async Task<int> RunAsync(string program, TextWriter stderr, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (IssuerSyncException e)
        {
            await stderr.WriteLineAsync($"{program}: error: {e.Message}").ConfigureAwait(false);
            return (int)AgentExitCode.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync($"{program}: cancelled").ConfigureAwait(false);
            return (int)AgentExitCode.Cancelled;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"{program}: internal error (please report it): {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return (int)AgentExitCode.InternalError;
        }
    }
}
