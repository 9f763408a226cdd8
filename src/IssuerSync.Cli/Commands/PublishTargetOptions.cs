using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// The publish target group: --target and the options beyond its URL (credentials, region, endpoint, public URL),
/// read back into the target's spec and its <see cref="TargetSettings"/> for <see cref="TargetLoading"/>.
/// </summary>
internal sealed class PublishTargetOptions
{
    public readonly Option<string> Target = new("--target", "-t")
    {
        Description = $"Where to publish: {TargetLoading.Forms}. The documents go to PREFIX/.well-known/openid-configuration and " +
            "PREFIX/openid/v1/jwks, so the target's URL must be the issuer (or see --public-base-url). " +
            $"Azure credentials: --connection-string or {TargetLoading.ConnectionStringVariable}, a SAS in the URL, else DefaultAzureCredential. " +
            "S3: the AWS default chain.",
        Required = true,
        HelpName = "TARGET",
    };

    public readonly Option<string?> Region = new("--region") { Description = "S3: the bucket's region (else AWS_REGION).", HelpName = "REGION" };

    public readonly Option<string?> S3Endpoint = new("--s3-endpoint")
    {
        Description = "S3: an S3-compatible endpoint (MinIO, Ceph RGW, R2), e.g. https://minio.example.com:9000.",
        HelpName = "URL",
    };

    public readonly Option<bool> S3PathStyle = new("--s3-path-style")
    {
        Description = "S3: address the bucket in the path (ENDPOINT/BUCKET/KEY); most S3-compatible stores need it.",
    };

    public readonly Option<string?> PublicBaseUrl = new("--public-base-url")
    {
        Description = "The URL the target is served at when it is not the storage URL (static website $web, CDN, CloudFront, custom domain). " +
            "It must equal the issuer, or nothing is written.",
        HelpName = "URL",
    };

    public readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = $"Azure: a storage connection string (prefer {TargetLoading.ConnectionStringVariable}: " +
            "command lines are visible to other users). Never printed.",
        HelpName = "VALUE",
    };

    public readonly Option<bool> PrivateOrigin = new("--private-origin")
    {
        Description = "The store is private and read by a CDN with its own access (CloudFront origin access control): skip the anonymous-read checks.",
    };

    /// <summary>
    /// Adds the options beyond --target, in the order help lists them; the verb adds <see cref="Target"/> itself, next to the documents' options.
    /// </summary>
    public void AddTo(Command command) => command.AddOptions(Region, S3Endpoint, S3PathStyle, PublicBaseUrl, ConnectionString, PrivateOrigin);

    /// <summary>The settings beyond the target's URL; an <see cref="IssuerSyncException"/> names a URL option that is not an http(s) URL.</summary>
    public TargetSettings Read(ParseResult result) => new()
    {
        ConnectionString = result.GetValue(ConnectionString),
        Region = result.GetValue(Region),
        S3Endpoint = ParseUrl(result.GetValue(S3Endpoint), S3Endpoint.Name),
        S3PathStyle = result.GetValue(S3PathStyle),
        PublicBaseUrl = ParseUrl(result.GetValue(PublicBaseUrl), PublicBaseUrl.Name),
        PrivateOrigin = result.GetValue(PrivateOrigin),
    };

    private static Uri? ParseUrl(string? value, string option)
        => value is null ? null
            : Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri
            : throw new IssuerSyncException($"{option} '{value}' is not an http(s) URL: give an absolute URL such as https://oidc.example.com/cluster1");
}
