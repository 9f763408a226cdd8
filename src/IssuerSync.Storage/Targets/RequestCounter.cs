namespace IssuerSync.Storage.Targets;

/// <summary>
/// Counts the storage requests a target sends (every HTTP attempt, retries included): reads are
/// GET and HEAD, writes everything else. Thread-safe. The host owns it: it gives it to the client's
/// pipeline (<see cref="Azure.AzureBlobTargetOptions.Requests"/>, <see cref="S3.S3TargetOptions.Requests"/>) or the
/// directory target, and to <see cref="Publishing.DocumentPublisher"/> for the report.
/// </summary>
public sealed class RequestCounter
{
    private long _reads;
    private long _writes;

    public long Reads => Interlocked.Read(ref _reads);

    public long Writes => Interlocked.Read(ref _writes);

    public long Total => Reads + Writes;

    public void Record(string method)
    {
        if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase))
        {
            RecordRead();
        }
        else
        {
            RecordWrite();
        }
    }

    public void RecordRead() => Interlocked.Increment(ref _reads);

    public void RecordWrite() => Interlocked.Increment(ref _writes);
}
