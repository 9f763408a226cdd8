using Amazon.S3;
using Azure.Identity;
using IssuerSync.Core;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Targets.S3;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// Turns --target and its options into a target: the CLI's side of the adapters, which take ready clients. Here, and
/// only here, the environment is read (AZURE_STORAGE_CONNECTION_STRING, AWS_REGION, AWS_DEFAULT_REGION) and the
/// credential chosen: a connection string, else the SAS in the URL, else DefaultAzureCredential; for S3 the AWS
/// default chain. Building does no I/O, so every refusal here is about the values given: invalid input (exit 2), not
/// a storage failure (exit 3, for a target that could not be read or written).
/// </summary>
internal static class TargetLoading
{
    public const string Forms = "dir:PATH | azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX] | s3://BUCKET[/PREFIX]";

    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";

    public static IPublishTarget Create(string spec, TargetSettings settings) => Create(spec, settings, Environment.GetEnvironmentVariable);

    /// <summary>The target, with <paramref name="environment"/> as the environment (tests pass their own).</summary>
    internal static IPublishTarget Create(string spec, TargetSettings settings, Func<string, string?> environment)
    {
        try
        {
            return Build(spec, settings, environment);
        }
        catch (StorageException e)
        {
            throw new IssuerSyncException(CliStorageWording.Describe(e), e);
        }
    }

    private static IPublishTarget Build(string spec, TargetSettings settings, Func<string, string?> environment)
    {
        if (spec.StartsWith("dir:", StringComparison.Ordinal))
        {
            var path = spec["dir:".Length..];
            return path.Length > 0
                ? settings.DirectoryAt(path, settings.Requests)
                : throw new StorageException(StorageErrorCodes.TargetInvalid, $"target '{spec}' names no directory: use dir:PATH, e.g. dir:./out/issuer", null);
        }

        if (spec.StartsWith(AzureBlobLocation.Scheme, StringComparison.Ordinal))
        {
            return Azure(AzureBlobLocation.Parse(spec[AzureBlobLocation.Scheme.Length..]), settings, environment);
        }

        if (spec.StartsWith(S3Location.Scheme, StringComparison.Ordinal))
        {
            return S3(S3Location.Parse(spec), settings, environment);
        }

        throw new StorageException(StorageErrorCodes.TargetInvalid, $"target '{AzureBlobLocation.Redact(spec)}' is not one this version knows: " +
            $"use {Forms}", null);
    }

    private static AzureBlobTarget Azure(AzureBlobLocation location, TargetSettings settings, Func<string, string?> environment)
    {
        var options = settings.AzureBlobOptions(settings.Requests);
        var client = AzureBlobClients.Options(options);
        var connectionString = settings.ConnectionString ?? environment(ConnectionStringVariable);
        if (location.Sas is null && !string.IsNullOrWhiteSpace(connectionString))
        {
            return AzureBlobTarget.Create(AzureBlobClients.FromConnectionString(connectionString, location, client), location, options);
        }

        if (location.Sas is not null)
        {
            return AzureBlobTarget.Create(AzureBlobClients.FromSas(location, client), location, options);
        }

        // An http blob endpoint (Azurite, another emulator) cannot take the Entra ID credential: Azure.Core sends a bearer token over https only.
        if (location.AccountUrl.Scheme == Uri.UriSchemeHttp)
        {
            throw new IssuerSyncException(
                $"target '{AzureBlobLocation.Scheme}{location.PublicText}' is plain http (Azurite or another emulator) and needs a connection " +
                "string: an Entra ID credential is sent over https only. " +
                $"Hint: pass --connection-string or set {ConnectionStringVariable} to the emulator's connection string " +
                "(Azurite on its default port: UseDevelopmentStorage=true)");
        }

        return AzureBlobTarget.Create(AzureBlobClients.FromCredential(location, new DefaultAzureCredential(), client), location, options);
    }

    private static S3Target S3(S3Location location, TargetSettings settings, Func<string, string?> environment)
    {
        var options = settings.S3Options(environment, settings.Requests);

        // No explicit credentials: the AWS default chain (environment, profile, web identity, instance role), resolved at the first request.
        return S3Target.Create(new AmazonS3Client(S3Clients.Config(location, options)), location, options);
    }
}
