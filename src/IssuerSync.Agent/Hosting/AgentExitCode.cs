namespace IssuerSync.Agent.Hosting;

/// <summary>
/// The exit codes of the agent's hosts (<c>issuersync agent run</c>, <c>issuersync-agent</c>).
/// IMPORTANT: the CLI's ExitCode takes these values from here, so every host documents the same numbers.
/// </summary>
public enum AgentExitCode
{
    /// <summary>Done (<c>--once</c>: one healthy cycle; else stopped by SIGTERM).</summary>
    Success = 0,

    /// <summary>The command line could not be parsed (System.CommandLine's own code).</summary>
    Usage = 1,

    /// <summary>An input was refused, or a <c>--once</c> cycle failed: the message names it and the fix.</summary>
    InvalidInput = 2,

    /// <summary>A bug: the message says so.</summary>
    InternalError = 70,

    /// <summary>Interrupted (Ctrl+C, SIGTERM) during a <c>--once</c> cycle.</summary>
    Cancelled = 130,
}
