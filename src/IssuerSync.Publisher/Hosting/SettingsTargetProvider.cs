using System.Collections.Concurrent;
using Amazon.Runtime;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Targets.S3;

namespace IssuerSync.Publisher.Hosting;

/// <summary>
/// Builds each issuer's target once from its settings, resolving <see cref="IssuerSettings.Connection"/> through the
/// host's app-setting lookup: an Azure connection string, or for S3 "AccessKeyId=…;SecretAccessKey=…[;SessionToken=…]".
/// Without a connection: managed identity (DefaultAzureCredential) for Azure, the AWS default chain for S3.
/// </summary>
public sealed class SettingsTargetProvider : IPublishTargetProvider
{
    private readonly Func<string, string?> _setting;
    private readonly ConcurrentDictionary<string, IPublishTarget> _targets = new(StringComparer.Ordinal);

    public SettingsTargetProvider(Func<string, string?> setting)
    {
        _setting = setting;
    }

    public IPublishTarget For(IssuerSettings issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return _targets.GetOrAdd(issuer.Id, _ => Create(issuer));
    }

    /// <summary>Every problem building the issuers' targets, for the start-up check.</summary>
    public IReadOnlyList<string> Check(IEnumerable<IssuerSettings> issuers)
    {
        var problems = new List<string>();
        foreach (var issuer in issuers)
        {
            try
            {
                For(issuer);
            }
            catch (Exception e) when (e is Core.IssuerSyncException or ArgumentException or FormatException)
            {
                problems.Add($"issuers[{issuer.Id}].Target = '{AzureBlobLocation.Redact(issuer.Registration.Target)}': {e.Message}");
            }
        }

        return problems;
    }

    private IPublishTarget Create(IssuerSettings issuer)
    {
        var spec = issuer.Registration.Target;
        var secret = ConnectionSetting.Resolve(issuer.Connection, _setting, $"issuers[{issuer.Id}].Connection");
        if (spec.StartsWith(AzureBlobLocation.Scheme, StringComparison.Ordinal))
        {
            return AzureBlobTarget.Create(spec[AzureBlobLocation.Scheme.Length..], new AzureBlobTargetOptions
            {
                ConnectionString = secret,
                PublicBaseUrl = issuer.PublicBaseUrl,
                RequireAnonymousRead = !issuer.PrivateOrigin,
            });
        }

        if (spec.StartsWith(S3Location.Scheme, StringComparison.Ordinal))
        {
            return S3Target.Create(spec, new S3TargetOptions
            {
                Region = issuer.Region,
                Endpoint = issuer.S3Endpoint,
                PathStyle = issuer.S3PathStyle,
                PublicBaseUrl = issuer.PublicBaseUrl,
                RequireAnonymousRead = !issuer.PrivateOrigin,
                Credentials = secret is null ? null : S3Credentials(secret, issuer.Id),
            });
        }

        return PublishTargetFactory.Create(spec, new PublishTargetOptions { PublicBaseUrl = issuer.PublicBaseUrl, PrivateOrigin = issuer.PrivateOrigin });
    }

    private static AWSCredentials S3Credentials(string connection, string issuerId)
    {
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("AccessKeyId", out var id) || !parts.TryGetValue("SecretAccessKey", out var secret))
        {
            throw new StorageException($"the S3 connection of issuer {issuerId} is not 'AccessKeyId=…;SecretAccessKey=…[;SessionToken=…]': fix the app setting it names, or remove Connection to use the AWS default credential chain");
        }

        return parts.TryGetValue("SessionToken", out var session) ? new SessionAWSCredentials(id, secret, session) : new BasicAWSCredentials(id, secret);
    }
}
