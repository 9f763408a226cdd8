using IssuerSync.Core.Documents;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.Publishing;

/// <summary>
/// Publishes an issuer's documents to a target: the JWKS first, so the discovery document never
/// points at keys that are not there yet; a document whose stored bytes (and headers, where the
/// target keeps them) already match is not rewritten; every write is read back and compared.
/// On a blob store, the hashes kept in metadata let one HEAD of the discovery document (written last,
/// it records the pair) prove an issuer unchanged; writes are conditional (If-Match / If-None-Match)
/// and a publish that loses a race with another publisher starts over, so the pair left behind is
/// always one publisher's.
/// </summary>
public static class DocumentPublisher
{
    public const string JwksName = "jwks";
    public const string DiscoveryName = "discovery";

    public static Task<PublishReport> PublishAsync(IssuerDocuments documents, IPublishTarget target, PublishOptions options, CancellationToken cancellationToken = default)
        => PublishAsync(documents, target, options, new PublishProgress(), cancellationToken);

    /// <summary>Publishes, recording each write in <paramref name="progress"/> so a host can say what is served if the publish is cancelled.</summary>
    public static async Task<PublishReport> PublishAsync(IssuerDocuments documents, IPublishTarget target, PublishOptions options, PublishProgress progress, CancellationToken cancellationToken = default)
    {
        var jwksPath = documents.JwksPath ?? throw new StorageException(
            StorageErrorCodes.JwksUriOutsideIssuer,
            $"{target.DisplayName}: jwks_uri '{documents.JwksUri}' is not under the issuer '{documents.Issuer}', so this target cannot serve it",
            new StorageHint($"{{0}} (it defaults to {documents.Issuer.Value.TrimEnd('/')}/openid/v1/jwks) or give a URL under the issuer", new SettingFix(StorageSetting.JwksUri, SettingChange.LeaveOut)));
        CheckServedAtIssuer(documents, jwksPath, target);

        var jwks = new DocumentContent(documents.Jwks, options.JwksContentType, options.CacheControl);
        var discovery = new DocumentContent(documents.Discovery, options.DiscoveryContentType, options.CacheControl);
        var reads = target.Requests.Reads;
        var writes = target.Requests.Writes;
        var attempts = 1;
        IReadOnlyList<DocumentOutcome> outcomes;
        byte[]? servedJwks;
        if (!target.StoresMetadata)
        {
            var stored = await target.ReadAsync(jwksPath, cancellationToken).ConfigureAwait(false);
            servedJwks = stored?.Bytes;
            outcomes =
            [
                await PublishOneAsync(target, JwksName, jwksPath, stored, jwks, options.DryRun, progress, cancellationToken).ConfigureAwait(false),
                await PublishOneAsync(target, DiscoveryName, documents.DiscoveryPath, await target.ReadAsync(documents.DiscoveryPath, cancellationToken).ConfigureAwait(false), discovery, options.DryRun, progress, cancellationToken).ConfigureAwait(false),
            ];
        }
        else
        {
            var publish = new PairPublish(target, options, progress, jwksPath, jwks, documents.DiscoveryPath, discovery);
            while (true)
            {
                try
                {
                    outcomes = await publish.RunAsync(options.FullCheck || attempts > 1, cancellationToken).ConfigureAwait(false);
                    servedJwks = publish.ServedJwks;
                    break;
                }
                catch (StorageConflictException) when (attempts < options.MaxAttempts)
                {
                    attempts++;
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 100 * attempts)), cancellationToken).ConfigureAwait(false);
                }
                catch (StorageConflictException e)
                {
                    throw new StorageException(
                        StorageErrorCodes.Conflict,
                        $"{e.Message}; gave up after {attempts} attempts. Another publisher keeps changing this issuer with other documents",
                        new StorageHint("run only one publisher per issuer (the served pair is the last complete one)"),
                        e);
                }
            }
        }

        return new PublishReport(target.DisplayName, outcomes)
        {
            ReadRequests = target.Requests.Reads - reads,
            WriteRequests = target.Requests.Writes - writes,
            Attempts = attempts,
            Kids = KidDiff.Between(servedJwks, documents.Jwks),
        };
    }

    /// <summary>Refuses, before anything is written, a target whose public URL is not where clouds will look for the issuer's documents.</summary>
    private static void CheckServedAtIssuer(IssuerDocuments documents, string jwksPath, IPublishTarget target)
    {
        if (target.PublicBaseUrl is not { } publicBase)
        {
            return;
        }

        var baseText = publicBase.OriginalString.TrimEnd('/');
        var served = $"{baseText}/{documents.DiscoveryPath}";
        if (!string.Equals(served, documents.Issuer.DiscoveryUrl, StringComparison.Ordinal))
        {
            throw new StorageException(
                StorageErrorCodes.TargetUnreachableAtIssuer,
                $"{target.DisplayName}: the issuer '{documents.Issuer}' would be unreachable: this target serves the discovery document at {served} but clouds fetch {documents.Issuer.DiscoveryUrl}; nothing was written",
                new StorageHint(
                    "publish to the target whose URL is the issuer, or {0} when a CDN, static website or custom domain serves this target at the issuer URL",
                    new SettingFix(StorageSetting.PublicBaseUrl, SettingChange.Set, documents.Issuer.Value.TrimEnd('/'))));
        }

        var jwksServed = $"{baseText}/{jwksPath}";
        if (!string.Equals(jwksServed, documents.JwksUri.Value, StringComparison.Ordinal))
        {
            throw new StorageException(
                StorageErrorCodes.JwksUriUnreachable,
                $"{target.DisplayName}: jwks_uri '{documents.JwksUri}' would be unreachable: this target serves it at {jwksServed}; nothing was written",
                new StorageHint("{0}", new SettingFix(StorageSetting.JwksUri, SettingChange.LeaveOut)));
        }
    }

    private static async Task<DocumentOutcome> PublishOneAsync(IPublishTarget target, string name, string path, StoredDocument? stored, DocumentContent content, bool dryRun, PublishProgress progress, CancellationToken cancellationToken)
    {
        var location = target.LocationOf(path);
        if (Matches(stored, content, target.StoresHeaders))
        {
            return new DocumentOutcome(name, path, location, DocumentStatus.Unchanged, content.Bytes.Length);
        }

        if (dryRun)
        {
            return new DocumentOutcome(name, path, location, DocumentStatus.WouldWrite, content.Bytes.Length);
        }

        progress.Starting(name);
        await target.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        progress.Finished(name);
        var readBack = await target.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (!Matches(readBack, content, target.StoresHeaders))
        {
            throw new StorageException(StorageErrorCodes.StoreAltered, $"{target.DisplayName}: the {name} document read back from '{path}' differs from what was written (the store altered it)", new StorageHint("the previous version may need restoring"));
        }

        return new DocumentOutcome(name, path, location, DocumentStatus.Written, content.Bytes.Length);
    }

    internal static bool Matches(StoredDocument? stored, DocumentContent wanted, bool compareHeaders)
        => stored is not null
           && stored.Bytes.AsSpan().SequenceEqual(wanted.Bytes)
           && (!compareHeaders || (stored.ContentType == wanted.ContentType && stored.CacheControl == wanted.CacheControl));
}
