using System.Security.Cryptography;
using System.Text;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.Publishing;

/// <summary>
/// The hashes kept in blob/object metadata so that an unchanged document is recognised from one HEAD
/// request: a document's hash covers its bytes and the headers it is served with; the pair hash
/// (kept on the discovery document, which is written last) covers both documents and their paths.
/// </summary>
public static class ContentHash
{
    /// <summary>Metadata name of a document's own hash (letters only: valid as Azure metadata and S3 user metadata).</summary>
    public const string DocumentKey = "issuersyncsha256";

    /// <summary>Metadata name, on the discovery document, of the hash of the pair it was published with.</summary>
    public const string PairKey = "issuersyncpair";

    public static string Of(DocumentContent content)
    {
        var headers = Encoding.UTF8.GetBytes($"content-type:{content.ContentType}\ncache-control:{content.CacheControl}\n");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(headers);
        hash.AppendData(content.Bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Pair(string jwksPath, string jwksHash, string discoveryPath, string discoveryHash)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{jwksPath}\n{jwksHash}\n{discoveryPath}\n{discoveryHash}\n")));
}
