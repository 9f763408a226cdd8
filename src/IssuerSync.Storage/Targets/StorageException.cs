using IssuerSync.Core;

namespace IssuerSync.Storage.Targets;

/// <summary>
/// A target that could not be read or written. The message is one line naming the target, the document, the value
/// and the cause, and never a host's flag or setting; <see cref="Code"/> is stable (<see cref="StorageErrorCodes"/>)
/// and <see cref="Hint"/> the fix, which each host words for itself (a CLI flag, an app setting).
/// </summary>
public class StorageException : IssuerSyncException
{
    public StorageException(string message)
        : this(StorageErrorCodes.Failed, message, null)
    {
    }

    public StorageException(string message, Exception innerException)
        : this(StorageErrorCodes.Failed, message, null, innerException)
    {
    }

    public StorageException(string code, string message, StorageHint? hint, Exception? innerException = null)
        : base(message, innerException!)
    {
        Code = code;
        Hint = hint;
    }

    public string Code { get; }

    public StorageHint? Hint { get; }
}
