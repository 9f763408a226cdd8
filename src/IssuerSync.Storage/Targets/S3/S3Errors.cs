using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace IssuerSync.Storage.Targets.S3;

/// <summary>Turns SDK failures into one line naming the target, the document, the cause and the fix. Never includes secrets.</summary>
internal static class S3Errors
{
    public static StorageException From(Exception e, string action, string target, S3Location location)
    {
        var prefix = $"{target}: cannot {action}";
        return e switch
        {
            AmazonS3Exception { StatusCode: HttpStatusCode.PreconditionFailed } or AmazonS3Exception { ErrorCode: "ConditionalRequestConflict" } =>
                new StorageConflictException($"{prefix}: it changed since it was read (HTTP {(int)((AmazonS3Exception)e).StatusCode} {((AmazonS3Exception)e).ErrorCode}): another publisher is writing this issuer", e),
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } =>
                new StorageException($"{prefix}: the bucket '{location.Bucket}' does not exist (NoSuchBucket). Hint: aws s3 mb s3://{location.Bucket} --region REGION, or check --region / --s3-endpoint", e),
            AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" } s =>
                new StorageException($"{prefix}: the credentials were refused ({s.ErrorCode}). Hint: check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or the web identity role; 'aws sts get-caller-identity' shows who you are", e),
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s =>
                new StorageException($"{prefix}: access denied (HTTP 403 {s.ErrorCode}). Hint: allow s3:GetObject and s3:PutObject on arn:aws:s3:::{location.Bucket}/{(location.Prefix.Length > 0 ? location.Prefix + "/" : string.Empty)}* for the publisher's identity", e),
            AmazonS3Exception { StatusCode: HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect or HttpStatusCode.TemporaryRedirect } s =>
                new StorageException($"{prefix}: the bucket is in another region (HTTP {(int)s.StatusCode} {s.ErrorCode}). Hint: pass the bucket's --region", e),
            AmazonS3Exception s =>
                new StorageException($"{prefix}: HTTP {(int)s.StatusCode} {s.ErrorCode ?? FirstLine(s.Message)}", e),
            AmazonClientException or HttpRequestException or IOException or TimeoutException or TaskCanceledException =>
                new StorageException($"{prefix}: {FirstLine(e.Message)} (after retries). Hint: check --region, --s3-endpoint, the credentials chain and the network path", e),
            _ => new StorageException($"{prefix}: {e.GetType().Name}: {FirstLine(e.Message)}", e),
        };
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
