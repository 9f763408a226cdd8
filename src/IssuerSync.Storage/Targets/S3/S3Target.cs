using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace IssuerSync.Storage.Targets.S3;

/// <summary>
/// Documents as objects in an S3 bucket (or an S3-compatible store), under an optional prefix. Uploads
/// are plain single PUTs (no aws-chunked encoding, no trailing checksums, which some S3-compatible
/// stores keep verbatim in the object) with Content-Type, Cache-Control and user metadata, conditional
/// on If-Match / If-None-Match. Transient faults are retried by the SDK's standard retry mode.
/// </summary>
public sealed class S3Target : BlobStoreTarget
{
    private readonly IAmazonS3 _client;
    private readonly S3Location _location;
    private readonly S3TargetOptions _options;
    private readonly string _storageBase;

    private S3Target(IAmazonS3 client, S3Location location, S3TargetOptions options, string storageBase)
        : base(
            location.Text,
            options.PublicBaseUrl ?? new Uri(StorageUrl(storageBase, location, string.Empty).ToString().TrimEnd('/')),
            options.RequireAnonymousRead)
    {
        _client = client;
        _location = location;
        _options = options;
        _storageBase = storageBase;
    }

    public S3Location Location => _location;

    public override StorageHint AnonymousReadFix => new(
        $"add a bucket policy allowing s3:GetObject to Principal \"*\" " +
        $"on arn:aws:s3:::{_location.Bucket}/{(_location.Prefix.Length > 0 ? _location.Prefix + "/" : string.Empty)}* " +
        "(and allow public bucket policies in Block Public Access), or serve the bucket through CloudFront with origin access control, {0} and {1}. " +
        "Without it AWS STS fails with InvalidIdentityToken and Entra ID with AADSTS90061",
        new SettingFix(StorageSetting.PrivateOrigin, SettingChange.Set, "true"),
        new SettingFix(StorageSetting.PublicBaseUrl, SettingChange.Set, "https://DISTRIBUTION.cloudfront.net"));

    /// <summary>
    /// The target for <paramref name="location"/> through a ready client, which the host built (with the credentials
    /// it chose) from <see cref="S3Clients.Config"/> of <paramref name="options"/>.
    /// </summary>
    public static S3Target Create(IAmazonS3 client, S3Location location, S3TargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(options);
        return new S3Target(client, location, options, S3Clients.StorageBase(location, options));
    }

    /// <summary>The same bucket, client and counter with <paramref name="folder"/> appended to the prefix (many issuers, one client).</summary>
    public S3Target Under(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var location = _location with { Prefix = _location.KeyOf(folder.Trim('/')) };
        var options = _options with { PublicBaseUrl = PublicBaseUrlUnder(_options.PublicBaseUrl, folder) };
        return new S3Target(_client, location, options, _storageBase);
    }

    /// <summary>Nothing to check: S3 has no container to find, and the anonymous GET after the writes checks the bucket policy.</summary>
    public override Task PrepareAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    protected override Uri StorageUrlOf(string path) => StorageUrl(_storageBase, _location, path);

    protected override async Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetObjectAsync(
                new GetObjectRequest { BucketName = _location.Bucket, Key = _location.KeyOf(path) },
                cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new StoredDocument(buffer.ToArray(), response.Headers.ContentType, response.Headers.CacheControl, response.ETag)
            {
                Metadata = Metadata(response.Metadata),
                LastModified = ToOffset(response.LastModified),
            };
        }
        catch (AmazonS3Exception e) when (IsMissingObject(e))
        {
            return null;
        }
        catch (AmazonClientException e) when (e.Message.StartsWith("Expected hash not equal to calculated hash", StringComparison.Ordinal))
        {
            // The SDK checks the body against the ETag (its MD5). A store that is not atomic (s3rver) serves
            // one write's ETag with another's body while two publishers write: treat it as the race it is.
            throw new StorageConflictException(
                $"{DisplayName}: {LocationOf(path)} was served with a body that does not match its ETag: " +
                "another publisher is writing this issuer (or the store alters bodies)",
                e);
        }
    }

    protected override async Task<StoredProperties?> HeadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = _location.Bucket, Key = _location.KeyOf(path) },
                cancellationToken).ConfigureAwait(false);
            return new StoredProperties(response.ETag, response.Headers.ContentType, response.Headers.CacheControl, response.Headers.ContentLength)
            {
                Metadata = Metadata(response.Metadata),
                LastModified = ToOffset(response.LastModified),
            };
        }
        catch (AmazonS3Exception e) when (IsMissingObject(e))
        {
            return null;
        }
    }

    protected override async Task<string?> PutAsync(string path, DocumentContent content, WriteCondition condition, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _location.Bucket,
            Key = _location.KeyOf(path),
            InputStream = new MemoryStream(content.Bytes, writable: false),
            AutoCloseStream = true,
            ContentType = content.ContentType,
            UseChunkEncoding = false,
        };
        request.Headers.CacheControl = content.CacheControl;
        foreach (var (name, value) in content.Metadata)
        {
            request.Metadata.Add(name, value);
        }

        if (condition.IfMatch is { } etag)
        {
            request.IfMatch = etag;
        }
        else if (condition.IfNoneExists)
        {
            request.IfNoneMatch = "*";
        }

        try
        {
            var response = await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return response.ETag;
        }
        catch (AmazonS3Exception e) when (condition.IfMatch is not null && IsMissingObject(e))
        {
            // S3 answers an If-Match write to a key deleted since it was read with 404 NoSuchKey, not 412: a lost race all the same.
            throw S3Errors.DeletedSinceRead(e, $"{DisplayName}: cannot write {LocationOf(path)}");
        }
    }

    protected override StorageException Failed(Exception exception, string action) => S3Errors.From(exception, action, DisplayName, _location, _options.Region);

    private static Uri StorageUrl(string storageBase, S3Location location, string path)
        => new(path.Length == 0 && location.Prefix.Length == 0 ? storageBase : $"{storageBase}/{location.EscapedKeyOf(path).TrimEnd('/')}");

    /// <summary>A 404 for the object itself (a HEAD has no body, so no code); a missing bucket (NoSuchBucket) is an error with its own hint.</summary>
    private static bool IsMissingObject(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is null or "NotFound" or "NoSuchKey";

    private static Dictionary<string, string> Metadata(MetadataCollection metadata)
        => metadata.Keys.ToDictionary(
            k => (k.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? k["x-amz-meta-".Length..] : k).ToLowerInvariant(),
            k => metadata[k]);

    private static DateTimeOffset? ToOffset(DateTime? value)
        => value is { } v ? new DateTimeOffset(v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime()) : null;
}
