namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>One request seen by the counting proxy: method, container and blob (empty for a container-level request).</summary>
internal sealed record StorageRequest(string Method, string Container, string Blob, bool ContainerLevel)
{
    /// <summary>Time from the request forwarded to Azurite's first answer byte (the storage service time).</summary>
    public double ServiceMilliseconds { get; set; } = double.NaN;

    public bool IsWrite => Method is "PUT" or "DELETE" or "POST" or "PATCH";

    /// <summary>Parses "/devstoreaccount1/{container}/{blob}?{query}".</summary>
    public static StorageRequest Parse(string method, string target)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query < 0 ? target : target[..query]);
        var parts = path.TrimStart('/').Split('/', 3);
        var container = parts.Length > 1 ? parts[1] : string.Empty;
        var blob = parts.Length > 2 ? parts[2] : string.Empty;
        var containerLevel = query >= 0 && target.AsSpan(query).Contains("restype=container", StringComparison.Ordinal);
        return new StorageRequest(method, container, blob, containerLevel);
    }
}
