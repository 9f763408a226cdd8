namespace IssuerSync.Core.Keys;

/// <summary>A key file, or one block in it, that cannot be used as a service-account key.</summary>
public sealed class KeyFormatException : IssuerSyncException
{
    public KeyFormatException(string source, string? block, string reason)
        : base(block is null ? $"{source}: {reason}" : $"{source}: {block}: {reason}")
    {
        KeySource = source;
        Block = block;
        Reason = reason;
    }

    /// <summary>The file (or other source) the key came from.</summary>
    public string KeySource { get; }

    /// <summary>Which part of the file: "block 2 (PUBLIC KEY)", "line 1 (ssh-rsa)", "DER"; null for the whole file.</summary>
    public string? Block { get; }

    public string Reason { get; }
}
