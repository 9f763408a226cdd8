using IssuerSync.Core;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// Turns --target and its options into a target. Building one does no I/O, so every refusal here is
/// about the values given: invalid input (exit 2), not a storage failure (exit 3, for a target that
/// could not be read or written).
/// </summary>
internal static class TargetLoading
{
    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";

    public static IPublishTarget Create(string spec, PublishTargetOptions options)
    {
        try
        {
            RequireConnectionStringForHttp(spec, options);
            return PublishTargetFactory.Create(spec, options);
        }
        catch (StorageException e)
        {
            throw new IssuerSyncException(e.Message, e);
        }
    }

    /// <summary>
    /// An http blob endpoint (Azurite, another emulator) cannot take the Entra ID credential the
    /// target falls back to: Azure.Core sends a bearer token over https only.
    /// </summary>
    private static void RequireConnectionStringForHttp(string spec, PublishTargetOptions options)
    {
        if (!spec.StartsWith(AzureBlobLocation.Scheme, StringComparison.Ordinal))
        {
            return;
        }

        var location = AzureBlobLocation.Parse(spec[AzureBlobLocation.Scheme.Length..]);
        var connectionString = options.ConnectionString ?? Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (location.AccountUrl.Scheme == Uri.UriSchemeHttp && location.Sas is null && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new IssuerSyncException(
                $"target '{AzureBlobLocation.Scheme}{location.PublicText}' is plain http (Azurite or another emulator) and needs a connection string: an Entra ID credential is sent over https only. " +
                $"Hint: pass --connection-string or set {ConnectionStringVariable} to the emulator's connection string (Azurite on its default port: UseDevelopmentStorage=true)");
        }
    }
}
