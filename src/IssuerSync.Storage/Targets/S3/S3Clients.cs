using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace IssuerSync.Storage.Targets.S3;

/// <summary>
/// The client configuration of an s3:// target: addressing, retries, plain single PUTs and every request counted.
/// The host builds the client from it with the credentials it chose (explicit keys, or the AWS default chain).
/// Reads no environment variable.
/// </summary>
public static class S3Clients
{
    public static AmazonS3Config Config(S3Location location, S3TargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.PathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = options.MaxRetries,
            RetryMode = RequestRetryMode.Standard,
            Timeout = options.Timeout,
            HttpClientFactory = new CountingHttpClientFactory(options.Requests),
            DisableLogging = true,
        };
        if (CheckedEndpoint(options) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region ?? throw RegionMissing(location));
        }

        return config;
    }

    /// <summary>The object URL of the bucket (no trailing slash), as the options address it.</summary>
    internal static string StorageBase(S3Location location, S3TargetOptions options)
    {
        if (CheckedEndpoint(options) is { } endpoint)
        {
            return options.PathStyle
                ? $"{endpoint.GetLeftPart(UriPartial.Authority)}/{location.Bucket}"
                : $"{endpoint.Scheme}://{location.Bucket}.{endpoint.Authority}";
        }

        var region = options.Region ?? throw RegionMissing(location);
        return options.PathStyle
            ? $"https://s3.{region}.amazonaws.com/{location.Bucket}"
            : $"https://{location.Bucket}.s3.{region}.amazonaws.com";
    }

    private static Uri? CheckedEndpoint(S3TargetOptions options)
        => options.Endpoint is not { } endpoint || endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps
            ? options.Endpoint
            : throw new StorageException(
                StorageErrorCodes.S3EndpointInvalid,
                $"the S3 endpoint '{endpoint}' is not an http(s) URL",
                new StorageHint("{0}", new SettingFix(StorageSetting.S3Endpoint, SettingChange.Set, "https://minio.example.com:9000")));

    private static StorageException RegionMissing(S3Location location)
        => new(
            StorageErrorCodes.RegionMissing,
            $"target '{location.Text}' needs the bucket's region",
            new StorageHint("{0} to the bucket's region, e.g. eu-west-1", new SettingFix(StorageSetting.Region, SettingChange.Set)));
}
