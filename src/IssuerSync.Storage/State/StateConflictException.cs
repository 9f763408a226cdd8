using IssuerSync.Core;

namespace IssuerSync.Storage.State;

/// <summary>A state write lost the race to other writers on every attempt: transient, retry later.</summary>
public sealed class StateConflictException : IssuerSyncException
{
    public StateConflictException(string message)
        : base(message)
    {
    }
}
