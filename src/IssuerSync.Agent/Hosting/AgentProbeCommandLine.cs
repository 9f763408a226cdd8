using System.CommandLine;

namespace IssuerSync.Agent.Hosting;

/// <summary>
/// The options and action of <c>probe</c>, a liveness probe that needs no shell: <c>issuersync-agent probe</c> (what the
/// manifests' livenessProbe runs) and the CLI's <c>issuersync agent probe</c> add the same options, so the two cannot drift.
/// </summary>
public sealed class AgentProbeCommandLine
{
    public const string Name = "probe";

    /// <summary>The exit code of a missing or stale file (kubelet counts any non-zero code as a failed probe).</summary>
    public const int Unhealthy = 1;

    /// <summary>The agent's default --failure-threshold plus one default --interval: a healthy agent touches the file well within it.</summary>
    public static readonly TimeSpan DefaultMaxAge = AgentRunCommandLine.DefaultFailureThreshold + AgentRunCommandLine.DefaultInterval;

    private readonly Option<string> _file = new("--liveness-file")
    {
        Description = "The file the agent touches after every healthy cycle: the --liveness-file of its own command line.",
        Required = true,
        HelpName = "FILE",
    };

    private readonly DurationOption _maxAge = new(
        "--max-age",
        DefaultMaxAge,
        "How old the file may be; give at least the agent's --failure-threshold plus its --interval");

    /// <summary>The help text, its example written as <paramref name="invocation"/> (e.g. <c>issuersync agent probe</c>).</summary>
    public static string Description(string invocation) => AgentOptions.WithExample(
        "Check the agent's liveness file, with no shell (for a livenessProbe's exec in a chiseled image): " +
        "exit 0 when it exists and was modified within --max-age, else exit 1 with one line on stderr saying why (what kubelet shows in the pod's events).",
        $"{invocation} --liveness-file /tmp/issuersync/alive --max-age 20m");

    /// <summary>Adds the options to <paramref name="command"/> and makes the check its action.</summary>
    /// <param name="program">The executable's name, which starts the line of an unhealthy file (<c>issuersync</c>, <c>issuersync-agent</c>).</param>
    public void AddTo(Command command, string program)
    {
        command.AddOptions(_file, _maxAge);
        command.SetAction(result => Run(
            result.GetRequiredValue(_file),
            _maxAge.Read(result),
            TimeProvider.System,
            program,
            result.InvocationConfiguration.Error));
    }

    /// <summary>The check and its one line: 0, or <see cref="Unhealthy"/> after writing why to <paramref name="stderr"/>.</summary>
    public static int Run(string file, TimeSpan maxAge, TimeProvider time, string program, TextWriter stderr)
    {
        var problem = LivenessProbe.Problem(file, maxAge, time);
        if (problem is null)
        {
            return (int)AgentExitCode.Success;
        }

        stderr.WriteLine($"{program}: unhealthy: {problem}");
        return Unhealthy;
    }
}
