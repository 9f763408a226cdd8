using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace IssuerSync.Storage.Targets.S3;

/// <summary>Turns SDK failures into one line naming the target, the document and the cause, with a code and a hint. Never includes secrets.</summary>
internal static partial class S3Errors
{
    private static readonly SettingFix Region = new(StorageSetting.Region, SettingChange.Mention);
    private static readonly SettingFix Endpoint = new(StorageSetting.S3Endpoint, SettingChange.Mention);

    /// <summary>
    /// What the SDK says when the default chain found no credentials (an AmazonClientException, no more specific type),
    /// followed by each provider's refusal.
    /// </summary>
    private const string NoCredentials = "Failed to resolve AWS credentials";

    /// <summary>A conditional write (If-Match) to a document someone deleted after it was read: the publish starts over.</summary>
    public static StorageConflictException DeletedSinceRead(AmazonS3Exception e, string prefix) => new(
        $"{prefix}: it changed since it was read (HTTP {(int)e.StatusCode} {e.ErrorCode}: deleted): another publisher is writing this issuer",
        e);

    /// <param name="region">The region the client was configured with (null for an S3-compatible endpoint without one).</param>
    public static StorageException From(Exception e, string action, string target, S3Location location, string? region)
    {
        var prefix = $"{target}: cannot {action}";
        return e switch
        {
            AmazonS3Exception s when s.StatusCode == HttpStatusCode.PreconditionFailed || s.ErrorCode == "ConditionalRequestConflict" =>
                new StorageConflictException(
                    $"{prefix}: it changed since it was read (HTTP {(int)s.StatusCode} {s.ErrorCode}): another publisher is writing this issuer",
                    e),
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
                    new StorageHint(
                        "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or the web identity role; " +
                        "'aws sts get-caller-identity' shows who you are"),
                    e),
            AmazonS3Exception s when IsRegionMismatch(s, region) =>
                RegionWrong(prefix, location, region, ReportedRegion(s), s),
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s =>
                new StorageException(
                    StorageErrorCodes.AccessDenied,
                    $"{prefix}: access denied (HTTP 403 {s.ErrorCode})",
                    new StorageHint(
                        "allow s3:GetObject and s3:PutObject " +
                        $"on arn:aws:s3:::{location.Bucket}/{(location.Prefix.Length > 0 ? location.Prefix + "/" : string.Empty)}* " +
                        "for the publisher's identity"),
                    e),
            AmazonS3Exception s =>
                new StorageException(
                    StorageErrorCodes.RequestFailed,
                    $"{prefix}: HTTP {(int)s.StatusCode} {s.ErrorCode ?? StorageFaults.FirstLine(s.Message)}",
                    null,
                    e),
            AmazonClientException when e.Message.StartsWith(NoCredentials, StringComparison.Ordinal) =>
                new StorageException(
                    StorageErrorCodes.CredentialUnavailable,
                    $"{prefix}: no AWS credentials were found; the default chain tried the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), " +
                    "the profile (AWS_PROFILE, else 'default', in the shared credentials file ~/.aws/credentials and ~/.aws/config), " +
                    "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN), " +
                    "ECS/EKS container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI) " +
                    "and the EC2 instance metadata service",
                    new StorageHint(
                        "give credentials to one of them: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, " +
                        "set AWS_PROFILE to a profile made with 'aws configure' or 'aws configure sso', " +
                        "or run with a role (EKS IRSA or pod identity, an ECS task role, an EC2 instance profile); " +
                        "'aws sts get-caller-identity' shows what the chain finds"),
                    e),
            AmazonClientException or HttpRequestException or IOException or TimeoutException or TaskCanceledException =>
                new StorageException(
                    StorageErrorCodes.Unreachable,
                    $"{prefix}: {StorageFaults.FirstLine(e.Message)} (after retries)",
                    new StorageHint("check {0}, {1}, the credentials chain and the network path", Region, Endpoint),
                    e),
            _ => new StorageException(StorageErrorCodes.Failed, $"{prefix}: {e.GetType().Name}: {StorageFaults.FirstLine(e.Message)}", null, e),
        };
    }

    /// <summary>
    /// S3's answers to a request sent to the wrong region: a redirect (301 PermanentRedirect, 307 TemporaryRedirect), a
    /// signature for another region (400 AuthorizationHeaderMalformed), or any 400 naming another region in x-amz-bucket-region
    /// (a HEAD has no body, so no code).
    /// </summary>
    private static bool IsRegionMismatch(AmazonS3Exception e, string? region)
        => e.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect or HttpStatusCode.TemporaryRedirect
           || e.ErrorCode is "PermanentRedirect" or "TemporaryRedirect" or "AuthorizationHeaderMalformed"
           || (e.StatusCode == HttpStatusCode.BadRequest && ReportedRegion(e) is { } reported && !string.Equals(reported, region, StringComparison.Ordinal));

    /// <summary>The bucket's region as S3 reported it: its x-amz-bucket-region header, else the "expecting 'REGION'" of its message.</summary>
    private static string? ReportedRegion(AmazonS3Exception e)
    {
        var header = (e.InnerException as HttpErrorResponseException)?.Response?.GetHeaderValue("x-amz-bucket-region");
        var reported = !string.IsNullOrEmpty(header) ? header : ExpectedRegion().Match(e.Message) is { Success: true } match ? match.Groups[1].Value : null;
        return reported is not null && RegionName().IsMatch(reported) ? reported : null;
    }

    private static StorageException RegionWrong(string prefix, S3Location location, string? region, string? reported, AmazonS3Exception e)
    {
        var given = region is null ? string.Empty : $", not {region}";
        var answer = $"(HTTP {(int)e.StatusCode} {e.ErrorCode})";
        return reported is null
            ? new StorageException(
                StorageErrorCodes.RegionWrong,
                $"{prefix}: the bucket '{location.Bucket}' is in another region{given} {answer}",
                new StorageHint(
                    $"{{0}} to the bucket's region ('aws s3api get-bucket-location --bucket {location.Bucket}' shows it)",
                    new SettingFix(StorageSetting.Region, SettingChange.Set)),
                e)
            : new StorageException(
                StorageErrorCodes.RegionWrong,
                $"{prefix}: the bucket '{location.Bucket}' is in region {reported}{given} {answer}",
                new StorageHint("{0}, the region S3 reported for the bucket", new SettingFix(StorageSetting.Region, SettingChange.Set, reported)),
                e);
    }

    [GeneratedRegex("expecting '([^']+)'")]
    private static partial Regex ExpectedRegion();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionName();
}
