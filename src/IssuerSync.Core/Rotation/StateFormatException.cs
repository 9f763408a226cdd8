namespace IssuerSync.Core.Rotation;

/// <summary>A stored state document that cannot be read: corrupt, or of an unknown schema version.</summary>
public sealed class StateFormatException : IssuerSyncException
{
    public StateFormatException(string message)
        : base(message)
    {
    }
}
