using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace IssuerSync.Storage.Targets.S3;

/// <summary>Turns SDK failures into one line naming the target, the document and the cause, with a code and a hint. Never includes secrets.</summary>
internal static class S3Errors
{
    private static readonly SettingFix Region = new(StorageSetting.Region, SettingChange.Mention);
    private static readonly SettingFix Endpoint = new(StorageSetting.S3Endpoint, SettingChange.Mention);

    public static StorageException From(Exception e, string action, string target, S3Location location)
    {
        var prefix = $"{target}: cannot {action}";
        return e switch
        {
            AmazonS3Exception { StatusCode: HttpStatusCode.PreconditionFailed } or AmazonS3Exception { ErrorCode: "ConditionalRequestConflict" } =>
                new StorageConflictException($"{prefix}: it changed since it was read (HTTP {(int)((AmazonS3Exception)e).StatusCode} {((AmazonS3Exception)e).ErrorCode}): another publisher is writing this issuer", e),
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } =>
                new StorageException(
                    StorageErrorCodes.BucketMissing,
                    $"{prefix}: the bucket '{location.Bucket}' does not exist (NoSuchBucket)",
                    new StorageHint($"aws s3 mb s3://{location.Bucket} --region REGION, or check {{0}} / {{1}}", Region, Endpoint),
                    e),
            AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" } s =>
                new StorageException(
                    StorageErrorCodes.CredentialRefused,
                    $"{prefix}: the credentials were refused ({s.ErrorCode})",
                    new StorageHint("check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or the web identity role; 'aws sts get-caller-identity' shows who you are"),
                    e),
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s =>
                new StorageException(
                    StorageErrorCodes.AccessDenied,
                    $"{prefix}: access denied (HTTP 403 {s.ErrorCode})",
                    new StorageHint($"allow s3:GetObject and s3:PutObject on arn:aws:s3:::{location.Bucket}/{(location.Prefix.Length > 0 ? location.Prefix + "/" : string.Empty)}* for the publisher's identity"),
                    e),
            AmazonS3Exception { StatusCode: HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect or HttpStatusCode.TemporaryRedirect } s =>
                new StorageException(
                    StorageErrorCodes.RegionWrong,
                    $"{prefix}: the bucket is in another region (HTTP {(int)s.StatusCode} {s.ErrorCode})",
                    new StorageHint("{0} to the bucket's region", new SettingFix(StorageSetting.Region, SettingChange.Set)),
                    e),
            AmazonS3Exception s =>
                new StorageException(StorageErrorCodes.RequestFailed, $"{prefix}: HTTP {(int)s.StatusCode} {s.ErrorCode ?? StorageFaults.FirstLine(s.Message)}", null, e),
            AmazonClientException or HttpRequestException or IOException or TimeoutException or TaskCanceledException =>
                new StorageException(
                    StorageErrorCodes.Unreachable,
                    $"{prefix}: {StorageFaults.FirstLine(e.Message)} (after retries)",
                    new StorageHint("check {0}, {1}, the credentials chain and the network path", Region, Endpoint),
                    e),
            _ => new StorageException(StorageErrorCodes.Failed, $"{prefix}: {e.GetType().Name}: {StorageFaults.FirstLine(e.Message)}", null, e),
        };
    }
}
