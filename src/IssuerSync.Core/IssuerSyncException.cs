namespace IssuerSync.Core;

/// <summary>
/// A problem with the user's input or environment, carrying a one-line message that names the
/// input, the value and the fix. Hosts print the message alone, never a stack trace.
/// </summary>
public class IssuerSyncException : Exception
{
    public IssuerSyncException(string message)
        : base(message)
    {
    }

    public IssuerSyncException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
