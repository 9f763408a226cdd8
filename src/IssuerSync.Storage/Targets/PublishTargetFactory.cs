using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Targets.Directory;
using IssuerSync.Storage.Targets.S3;

namespace IssuerSync.Storage.Targets;

/// <summary>Turns a --target value ("dir:PATH", "azblob:URL", "s3://BUCKET/PREFIX") into a target.</summary>
public static class PublishTargetFactory
{
    public const string Forms = "dir:PATH | azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX] | s3://BUCKET[/PREFIX]";

    public static IPublishTarget Create(string spec) => Create(spec, new PublishTargetOptions());

    public static IPublishTarget Create(string spec, PublishTargetOptions options)
    {
        if (spec.StartsWith("dir:", StringComparison.Ordinal))
        {
            var path = spec["dir:".Length..];
            return path.Length > 0
                ? new DirectoryTarget(path) { PublicBaseUrl = options.PublicBaseUrl }
                : throw new StorageException($"target '{spec}' names no directory: use dir:PATH, e.g. dir:./out/issuer");
        }

        if (spec.StartsWith(AzureBlobLocation.Scheme, StringComparison.Ordinal))
        {
            return AzureBlobTarget.Create(spec[AzureBlobLocation.Scheme.Length..], new AzureBlobTargetOptions
            {
                ConnectionString = options.ConnectionString,
                PublicBaseUrl = options.PublicBaseUrl,
                RequireAnonymousRead = !options.PrivateOrigin,
            });
        }

        if (spec.StartsWith(S3Location.Scheme, StringComparison.Ordinal))
        {
            return S3Target.Create(spec, new S3TargetOptions
            {
                Region = options.Region,
                Endpoint = options.S3Endpoint,
                PathStyle = options.S3PathStyle,
                PublicBaseUrl = options.PublicBaseUrl,
                RequireAnonymousRead = !options.PrivateOrigin,
            });
        }

        throw new StorageException($"target '{AzureBlobLocation.Redact(spec)}' is not one this version knows: use {Forms}");
    }
}
