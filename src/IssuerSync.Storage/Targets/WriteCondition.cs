namespace IssuerSync.Storage.Targets;

/// <summary>
/// When a write may happen: always, only if the document does not exist (If-None-Match: *), or
/// only if it still has the ETag read before (If-Match). A write whose condition fails throws
/// <see cref="StorageConflictException"/> and changes nothing.
/// </summary>
public sealed record WriteCondition
{
    private WriteCondition(string? ifMatch, bool ifNoneExists)
    {
        IfMatch = ifMatch;
        IfNoneExists = ifNoneExists;
    }

    public static WriteCondition None { get; } = new(null, false);

    public static WriteCondition MustNotExist { get; } = new(null, true);

    /// <summary>The ETag the stored document must still have, or null.</summary>
    public string? IfMatch { get; }

    /// <summary>Whether the document must not exist yet.</summary>
    public bool IfNoneExists { get; }

    public static WriteCondition Matching(string etag) => new(etag, false);

    /// <summary>If-Match the ETag of <paramref name="stored"/>, or If-None-Match: * when nothing is stored.</summary>
    public static WriteCondition Unchanged(StoredProperties? stored)
        => stored?.ETag is { } etag ? Matching(etag) : MustNotExist;

    public override string ToString() => IfMatch is not null ? $"If-Match: {IfMatch}" : IfNoneExists ? "If-None-Match: *" : "unconditional";
}
