using System.CommandLine;
using IssuerSync.Core;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync publish</c>: write both documents to a target where a cloud can fetch them.</summary>
internal static class PublishCommand
{
    public sealed class Options
    {
        public required string Issuer { get; init; }

        public string? JwksUri { get; init; }

        public required IReadOnlyList<string> Keys { get; init; }

        public required string Target { get; init; }

        public PublishOptions Publish { get; init; } = new();

        public string? ConnectionString { get; init; }

        public string? Region { get; init; }

        public string? S3Endpoint { get; init; }

        public bool S3PathStyle { get; init; }

        public string? PublicBaseUrl { get; init; }

        public bool PrivateOrigin { get; init; }
    }

    public static Command Create()
    {
        var issuer = SharedOptions.Issuer();
        var jwksUri = SharedOptions.JwksUri();
        var keys = SharedOptions.Keys();
        var target = new Option<string>("--target", "-t")
        {
            Description = $"Where to publish: {TargetLoading.Forms}. The documents go to PREFIX/.well-known/openid-configuration and PREFIX/openid/v1/jwks, so the target's URL must be the issuer (or see --public-base-url). Azure credentials: --connection-string or AZURE_STORAGE_CONNECTION_STRING, a SAS in the URL, else DefaultAzureCredential. S3: the AWS default chain.",
            Required = true,
            HelpName = "TARGET",
        };
        var cacheControl = new Option<string>("--cache-control")
        {
            Description = "Cache-Control of both documents. Default: public, max-age=300 (a rotated key reaches the clouds within 5 minutes).",
            DefaultValueFactory = _ => new PublishOptions().CacheControl,
            HelpName = "VALUE",
        };
        var jwksContentType = new Option<string>("--content-type-jwks")
        {
            Description = "Content-Type of the JWKS. Default: application/json (what hosted issuers serve and every cloud accepts; kube-apiserver itself serves application/jwk-set+json, which no cloud documents accepting).",
            DefaultValueFactory = _ => new PublishOptions().JwksContentType,
            HelpName = "TYPE",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be written and the kid diff (added, kept, removed against the served JWKS); write nothing." };
        var fullCheck = new Option<bool>("--full-check") { Description = "Check both stored documents (2 requests) instead of trusting the pair record on the discovery document (1 request); repairs a JWKS changed behind the publisher's back." };
        var region = new Option<string?>("--region") { Description = "S3: the bucket's region (else AWS_REGION).", HelpName = "REGION" };
        var s3Endpoint = new Option<string?>("--s3-endpoint") { Description = "S3: an S3-compatible endpoint (MinIO, Ceph RGW, R2), e.g. https://minio.example.com:9000.", HelpName = "URL" };
        var s3PathStyle = new Option<bool>("--s3-path-style") { Description = "S3: address the bucket in the path (ENDPOINT/BUCKET/KEY); most S3-compatible stores need it." };
        var publicBaseUrl = new Option<string?>("--public-base-url")
        {
            Description = "The URL the target is served at when it is not the storage URL (static website $web, CDN, CloudFront, custom domain). It must equal the issuer, or nothing is written.",
            HelpName = "URL",
        };
        var connectionString = new Option<string?>("--connection-string") { Description = "Azure: a storage connection string (prefer AZURE_STORAGE_CONNECTION_STRING: command lines are visible to other users). Never printed.", HelpName = "VALUE" };
        var privateOrigin = new Option<bool>("--private-origin") { Description = "The store is private and read by a CDN with its own access (CloudFront origin access control): skip the anonymous-read checks." };
        var command = new Command("publish", SharedOptions.WithExample(
            "Publish the discovery document and the JWKS (JWKS first) so that GET {issuer}/.well-known/openid-configuration and GET {jwks_uri} return them. Unchanged documents are not rewritten.",
            "issuersync publish --issuer https://oidc.example.com/cluster1 --key /etc/kubernetes/pki/sa.pub --target dir:/srv/www/cluster1",
            "issuersync publish --issuer https://ACCOUNT.blob.core.windows.net/oidc --key sa.pub --target azblob:https://ACCOUNT.blob.core.windows.net/oidc",
            "issuersync publish --issuer https://BUCKET.s3.eu-west-1.amazonaws.com --key sa.pub --target s3://BUCKET --region eu-west-1"))
        {
            issuer,
            jwksUri,
            keys,
            target,
            cacheControl,
            jwksContentType,
            dryRun,
            fullCheck,
            region,
            s3Endpoint,
            s3PathStyle,
            publicBaseUrl,
            connectionString,
            privateOrigin,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options
            {
                Issuer = result.GetRequiredValue(issuer),
                JwksUri = result.GetValue(jwksUri),
                Keys = result.GetRequiredValue(keys),
                Target = result.GetRequiredValue(target),
                Publish = new PublishOptions
                {
                    CacheControl = result.GetRequiredValue(cacheControl),
                    JwksContentType = result.GetRequiredValue(jwksContentType),
                    DryRun = result.GetValue(dryRun),
                    FullCheck = result.GetValue(fullCheck),
                },
                ConnectionString = result.GetValue(connectionString),
                Region = result.GetValue(region),
                S3Endpoint = result.GetValue(s3Endpoint),
                S3PathStyle = result.GetValue(s3PathStyle),
                PublicBaseUrl = result.GetValue(publicBaseUrl),
                PrivateOrigin = result.GetValue(privateOrigin),
            },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => RunAsync(options, CreateTarget, stdout, stderr, cancellationToken);

    /// <summary>The verb with the target built by <paramref name="createTarget"/>, counting into the counter it is given (tests wrap a real target to cut a publish short).</summary>
    internal static Task<int> RunAsync(Options options, Func<Options, RequestCounter, IPublishTarget> createTarget, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var issuer = IssuerUrl.Parse(options.Issuer);
            var jwksUri = options.JwksUri is null ? null : JwksUri.Parse(options.JwksUri);
            var keySet = await KeyLoading.LoadAsync(options.Keys, cancellationToken).ConfigureAwait(false);
            var documents = IssuerDocuments.Create(issuer, jwksUri, keySet);
            var requests = new RequestCounter();
            var target = createTarget(options, requests);
            var progress = new PublishProgress();
            PublishReport report;
            try
            {
                report = await DocumentPublisher.PublishAsync(documents, target, options.Publish, progress, requests, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await stderr.WriteLineAsync($"issuersync: {PublishInterruption.Describe(progress, documents, target)}").ConfigureAwait(false);
                throw;
            }

            foreach (var document in report.Documents)
            {
                var status = document.Status switch
                {
                    DocumentStatus.Written => "written",
                    DocumentStatus.Unchanged => "unchanged",
                    _ => "would write",
                };
                await stdout.WriteLineAsync($"{document.Document,-9}  {status,-11}  {document.Bytes,6} bytes  {document.Location}").ConfigureAwait(false);
            }

            await stdout.WriteLineAsync(KidDiffWording.Line(report.Kids)).ConfigureAwait(false);
            var bytes = report.Documents.Sum(d => d.Bytes);
            var verb = options.Publish.DryRun ? "dry run" : "published";
            var written = options.Publish.DryRun
                ? $"{report.Documents.Count(d => d.Status == DocumentStatus.WouldWrite)} would be written"
                : $"{report.Written} written";
            await stdout.WriteLineAsync(
                $"{verb}: {report.Documents.Count} documents, {written}, {report.Unchanged} unchanged, {bytes} bytes, {Count(report.ReadRequests + report.WriteRequests, "request")} ({Count(report.ReadRequests, "read")}, {Count(report.WriteRequests, "write")}) to {target.DisplayName}").ConfigureAwait(false);
            foreach (var warning in KidDiffWording.Warnings(report.Kids, target.LocationOf(documents.JwksPath!), target is IBlobTarget ? options.Publish.CacheControl : null, options.Publish.DryRun))
            {
                await stderr.WriteLineAsync(warning).ConfigureAwait(false);
            }

            return ExitCode.Success;
        });

    private static IPublishTarget CreateTarget(Options options, RequestCounter requests) => TargetLoading.Create(options.Target, new TargetSettings
    {
        Requests = requests,
        ConnectionString = options.ConnectionString,
        Region = options.Region,
        S3Endpoint = ParseUrl(options.S3Endpoint, "--s3-endpoint"),
        S3PathStyle = options.S3PathStyle,
        PublicBaseUrl = ParseUrl(options.PublicBaseUrl, "--public-base-url"),
        PrivateOrigin = options.PrivateOrigin,
    });

    private static string Count(long value, string noun) => $"{value} {noun}{(value == 1 ? string.Empty : "s")}";

    private static Uri? ParseUrl(string? value, string option)
        => value is null ? null
            : Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri
            : throw new IssuerSyncException($"{option} '{value}' is not an http(s) URL: give an absolute URL such as https://oidc.example.com/cluster1");
}
