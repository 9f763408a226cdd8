using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Azure.Identity;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Targets.S3;

namespace IssuerSync.Publisher.Hosting;

/// <summary>
/// Builds each issuer's target once from its settings, resolving <see cref="IssuerSettings.Connection"/> through the
/// host's app-setting lookup: an Azure connection string, or for S3 "AccessKeyId=…;SecretAccessKey=…[;SessionToken=…]".
/// Without a connection: managed identity (DefaultAzureCredential) for Azure, the AWS default chain for S3. An S3
/// issuer without Region takes AWS_REGION (then AWS_DEFAULT_REGION) through the same lookup.
/// </summary>
public sealed class SettingsTargetProvider : IPublishTargetProvider
{
    private readonly Func<string, string?> _setting;
    private readonly ConcurrentDictionary<string, IPublishTarget> _targets = new(StringComparer.Ordinal);
    private readonly Lazy<DefaultAzureCredential> _credential = new(() => new DefaultAzureCredential());

    public SettingsTargetProvider(Func<string, string?> setting)
    {
        _setting = setting;
    }

    public IPublishTarget For(IssuerSettings issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return _targets.GetOrAdd(issuer.Id, _ => Create(issuer));
    }

    /// <summary>Every problem building the issuers' targets, for the start-up check, worded with the issuers' app settings.</summary>
    public IReadOnlyList<string> Check(IReadOnlyList<IssuerSettings> issuers)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        var problems = new List<string>();
        foreach (var issuer in issuers)
        {
            try
            {
                For(issuer);
            }
            catch (Exception e) when (e is Core.IssuerSyncException or ArgumentException or FormatException)
            {
                var prefix = PublisherStorageWording.SettingsOf(issuer, issuers);
                problems.Add(
                    $"{prefix}__Target = '{AzureBlobLocation.Redact(issuer.Registration.Target)}' (issuer {issuer.Id}): " +
                    PublisherStorageWording.Describe(e, issuer, issuers));
            }
        }

        return problems;
    }

    private IPublishTarget Create(IssuerSettings issuer)
    {
        var spec = issuer.Registration.Target;
        var secret = ConnectionSetting.Resolve(issuer.Connection, _setting, $"issuers[{issuer.Id}].Connection");
        if (spec.StartsWith("dir:", StringComparison.Ordinal) && spec.Length > "dir:".Length)
        {
            return issuer.DirectoryAt(spec["dir:".Length..], new RequestCounter());
        }

        if (spec.StartsWith(AzureBlobLocation.Scheme, StringComparison.Ordinal))
        {
            var location = AzureBlobLocation.Parse(spec[AzureBlobLocation.Scheme.Length..]);
            var options = issuer.AzureBlobOptions(new RequestCounter());
            var client = AzureBlobClients.Options(options);
            var container = secret is not null ? AzureBlobClients.FromConnectionString(secret, location, client)
                : location.Sas is not null ? AzureBlobClients.FromSas(location, client)
                : AzureBlobClients.FromCredential(location, Credential, client);
            return AzureBlobTarget.Create(container, location, options);
        }

        if (spec.StartsWith(S3Location.Scheme, StringComparison.Ordinal))
        {
            var location = S3Location.Parse(spec);
            var options = issuer.S3Options(_setting, new RequestCounter());
            var config = S3Clients.Config(location, options);

            // Without a connection: the AWS default chain (environment, web identity, instance role), resolved at the first request.
            var client = secret is null ? new AmazonS3Client(config) : new AmazonS3Client(S3Credentials(secret, issuer.Id), config);
            return S3Target.Create(client, location, options);
        }

        throw new StorageException(
            StorageErrorCodes.TargetInvalid,
            $"target '{AzureBlobLocation.Redact(spec)}' is not dir:PATH, azblob:URL or s3://BUCKET[/PREFIX]",
            null);
    }

    /// <summary>The app's managed identity (one credential for all issuers, so its token cache is shared).</summary>
    private DefaultAzureCredential Credential => _credential.Value;

    private static AWSCredentials S3Credentials(string connection, string issuerId)
    {
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("AccessKeyId", out var id) || !parts.TryGetValue("SecretAccessKey", out var secret))
        {
            throw new StorageException(
                $"the S3 connection of issuer {issuerId} is not 'AccessKeyId=…;SecretAccessKey=…[;SessionToken=…]': " +
                "fix the app setting it names, or remove Connection to use the AWS default credential chain");
        }

        return parts.TryGetValue("SessionToken", out var session) ? new SessionAWSCredentials(id, secret, session) : new BasicAWSCredentials(id, secret);
    }
}
