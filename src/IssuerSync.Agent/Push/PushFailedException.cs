using IssuerSync.Core;

namespace IssuerSync.Agent.Push;

/// <summary>Every attempt of a push failed transiently (5xx, timeouts, network): the publisher may be down.</summary>
public sealed class PushFailedException(Uri endpoint, int attempts, string lastFailure)
    : IssuerSyncException(
        $"the push to {endpoint} failed {attempts} time{(attempts == 1 ? string.Empty : "s")}, the last with {lastFailure}. " +
        "Hint: check that the publisher (the function app) is running and reachable from the cluster; the agent tries again at its next interval")
{
    public int Attempts { get; } = attempts;

    public string LastFailure { get; } = lastFailure;
}
