using IssuerSync.Core;

namespace IssuerSync.Storage.Targets;

/// <summary>A target that could not be read or written; the message names the target, the document and the cause.</summary>
public class StorageException : IssuerSyncException
{
    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
