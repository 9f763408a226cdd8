using System.Net;
using System.Text.RegularExpressions;

namespace IssuerSync.Storage.Targets.S3;

/// <summary>An s3: target parsed: s3://BUCKET[/PREFIX].</summary>
public sealed partial record S3Location(string Bucket, string Prefix)
{
    public const string Scheme = "s3://";

    public string Text => $"{Scheme}{Bucket}{(Prefix.Length > 0 ? "/" + Prefix : string.Empty)}";

    public static S3Location Parse(string spec)
    {
        if (!spec.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new StorageException(StorageErrorCodes.TargetInvalid, $"target '{spec}' is not an S3 target: use s3://BUCKET[/PREFIX]", null);
        }

        var rest = spec[Scheme.Length..];
        if (rest.Contains('?', StringComparison.Ordinal) || rest.Contains('#', StringComparison.Ordinal))
        {
            throw new StorageException(StorageErrorCodes.TargetInvalid, $"target '{spec}' has a query or fragment: use s3://BUCKET[/PREFIX]", null);
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (!BucketName().IsMatch(bucket))
        {
            throw new StorageException(
                StorageErrorCodes.TargetInvalid,
                $"target '{spec}': '{bucket}' is not a bucket name (3-63 lower-case letters, digits, dots and hyphens): use s3://BUCKET[/PREFIX]",
                null);
        }

        if (prefix.Split('/').Any(s => s is "." or ".." || (s.Length == 0 && prefix.Length > 0)))
        {
            throw new StorageException(
                StorageErrorCodes.TargetInvalid,
                $"target '{spec}': the prefix '{prefix}' has an empty, '.' or '..' segment: use s3://BUCKET/FOLDER/SUBFOLDER",
                null);
        }

        return new S3Location(bucket, prefix);
    }

    public string KeyOf(string path) => Prefix.Length > 0 ? $"{Prefix}/{path}" : path;

    public string EscapedKeyOf(string path) => string.Join('/', KeyOf(path).Split('/').Select(WebUtility.UrlEncode));

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
