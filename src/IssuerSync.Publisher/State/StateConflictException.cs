using IssuerSync.Core;
using IssuerSync.Storage.State;

namespace IssuerSync.Publisher.State;

/// <summary>A state write lost the race to other writers on every attempt: transient, retry later.</summary>
public sealed class StateConflictException : IssuerSyncException
{
    public StateConflictException(string message)
        : base(message)
    {
    }
}
