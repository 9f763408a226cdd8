using IssuerSync.Agent.Hosting;

namespace IssuerSync.Cli;

/// <summary>The documented exit codes of every verb; those the agent's hosts share come from <see cref="AgentExitCode"/>.</summary>
public enum ExitCode
{
    /// <summary>Done.</summary>
    Success = (int)AgentExitCode.Success,

    /// <summary>The command line could not be parsed (System.CommandLine's own code).</summary>
    Usage = (int)AgentExitCode.Usage,

    /// <summary>An input was refused: a key file, an issuer URL, an option value.</summary>
    InvalidInput = (int)AgentExitCode.InvalidInput,

    /// <summary>The target could not be read or written; what was published before is untouched.</summary>
    StorageFailure = 3,

    /// <summary>
    /// The operator verbs: the publisher refused (its error code and message are printed), redirected, or could not be reached. Shares 3 with
    /// <see cref="StorageFailure"/>: the far side said no, nothing changed here.
    /// </summary>
    PublisherFailure = 3,

    /// <summary><c>verify</c> found at least one error: a cloud would refuse the issuer or the token.</summary>
    VerificationFailed = 4,

    /// <summary><c>rotate check</c>: the step is not safe yet, and only time is missing (the time left is printed).</summary>
    RotationNotYet = 5,

    /// <summary>
    /// <c>rotate check</c>: waiting alone does not make the step safe (something must be done first), or it cannot be known; the reason is printed.
    /// </summary>
    RotationNotSafe = 6,

    /// <summary>Interrupted (Ctrl+C, SIGTERM).</summary>
    Cancelled = (int)AgentExitCode.Cancelled,

    /// <summary>A bug: the message says so.</summary>
    InternalError = (int)AgentExitCode.InternalError,
}
