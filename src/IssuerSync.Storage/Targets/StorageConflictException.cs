namespace IssuerSync.Storage.Targets;

/// <summary>
/// A conditional write was refused because the document changed since it was read (HTTP 412, or
/// 409 for If-None-Match: *): another publisher is writing the same issuer. The publisher retries.
/// </summary>
public sealed class StorageConflictException : StorageException
{
    public StorageConflictException(string message)
        : base(StorageErrorCodes.Conflict, message, null)
    {
    }

    public StorageConflictException(string message, Exception innerException)
        : base(StorageErrorCodes.Conflict, message, null, innerException)
    {
    }
}
