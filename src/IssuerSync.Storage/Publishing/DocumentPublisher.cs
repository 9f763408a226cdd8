using IssuerSync.Core.Documents;
using IssuerSync.Core.Retries;
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

    /// <summary>
    /// Publishes without counting the target's requests (the report's request counts are those of the anonymous GET alone).
    /// </summary>
    public static Task<PublishReport> PublishAsync(
        IssuerDocuments documents,
        IPublishTarget target,
        PublishOptions options,
        CancellationToken cancellationToken = default)
        => PublishAsync(documents, target, options, new PublishProgress(), new RequestCounter(), cancellationToken);

    /// <summary>
    /// Publishes, recording each write in <paramref name="progress"/> so a host can say what is served if the publish is
    /// cancelled. <paramref name="requests"/> is the counter the target's client counts into (the host gave it to both):
    /// the report says how many requests this publish sent.
    /// </summary>
    public static async Task<PublishReport> PublishAsync(
        IssuerDocuments documents,
        IPublishTarget target,
        PublishOptions options,
        PublishProgress progress,
        RequestCounter requests,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(requests);
        var jwksPath = documents.JwksPath ?? throw new StorageException(
            StorageErrorCodes.JwksUriOutsideIssuer,
            $"{target.DisplayName}: jwks_uri '{documents.JwksUri}' is not under the issuer '{documents.Issuer}', " +
            "so this target cannot serve it",
            new StorageHint(
                $"{{0}} (it defaults to {documents.Issuer.Value.TrimEnd('/')}/openid/v1/jwks) or give a URL under the issuer",
                new SettingFix(StorageSetting.JwksUri, SettingChange.LeaveOut)));
        CheckServedAtIssuer(documents, jwksPath, target);

        var jwks = new DocumentContent(documents.Jwks, options.JwksContentType, options.CacheControl);
        var discovery = new DocumentContent(documents.Discovery, options.DiscoveryContentType, options.CacheControl);
        var reads = requests.Reads;
        var writes = requests.Writes;
        var (outcomes, servedJwks, attempts) = target switch
        {
            IBlobTarget blob => await PublishPairAsync(
                new PairPublish(blob, options, progress, requests, jwksPath, jwks, documents.DiscoveryPath, discovery),
                options,
                cancellationToken).ConfigureAwait(false),
            IFileTarget file => await PublishFilesAsync(
                file,
                jwksPath,
                jwks,
                documents.DiscoveryPath,
                discovery,
                options.DryRun,
                progress,
                cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException(
                $"{target.DisplayName}: a target is an {nameof(IFileTarget)} or an {nameof(IBlobTarget)}, not only an {nameof(IPublishTarget)}",
                nameof(target)),
        };

        return new PublishReport(target.DisplayName, outcomes)
        {
            ReadRequests = requests.Reads - reads,
            WriteRequests = requests.Writes - writes,
            Attempts = attempts,
            Kids = KidDiff.Between(servedJwks, documents.Jwks),
        };
    }

    /// <summary>Files: compare the bytes of each document and replace those that differ, JWKS first.</summary>
    private static async Task<(IReadOnlyList<DocumentOutcome>, byte[]?, int)> PublishFilesAsync(
        IFileTarget target,
        string jwksPath,
        DocumentContent jwks,
        string discoveryPath,
        DocumentContent discovery,
        bool dryRun,
        PublishProgress progress,
        CancellationToken cancellationToken)
    {
        var stored = await target.ReadAsync(jwksPath, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DocumentOutcome> outcomes =
        [
            await PublishOneAsync(target, JwksName, jwksPath, stored, jwks, dryRun, progress, cancellationToken).ConfigureAwait(false),
            await PublishOneAsync(
                target,
                DiscoveryName,
                discoveryPath,
                await target.ReadAsync(discoveryPath, cancellationToken).ConfigureAwait(false),
                discovery,
                dryRun,
                progress,
                cancellationToken).ConfigureAwait(false),
        ];
        return (outcomes, stored?.Bytes, 1);
    }

    /// <summary>
    /// Blobs: the pair with conditional writes, started over (up to <see cref="PublishOptions.MaxAttempts"/>) when another
    /// publisher wins a race.
    /// </summary>
    private static async Task<(IReadOnlyList<DocumentOutcome>, byte[]?, int)> PublishPairAsync(
        PairPublish publish,
        PublishOptions options,
        CancellationToken cancellationToken)
    {
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                var outcomes = await publish.RunAsync(options.FullCheck || attempts > 1, cancellationToken).ConfigureAwait(false);
                return (outcomes, publish.ServedJwks, attempts);
            }
            catch (StorageConflictException) when (attempts < options.MaxAttempts)
            {
                var delay = Backoff.Delay(attempts, options.RetryBaseDelay, options.MaxRetryDelay, Random.Shared);
                await Task.Delay(delay, options.Time, cancellationToken).ConfigureAwait(false);
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
                $"{target.DisplayName}: the issuer '{documents.Issuer}' would be unreachable: this target serves the discovery document " +
                $"at {served} but clouds fetch {documents.Issuer.DiscoveryUrl}; nothing was written",
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

    private static async Task<DocumentOutcome> PublishOneAsync(
        IFileTarget target,
        string name,
        string path,
        StoredDocument? stored,
        DocumentContent content,
        bool dryRun,
        PublishProgress progress,
        CancellationToken cancellationToken)
    {
        var location = target.LocationOf(path);
        if (Matches(stored, content, compareHeaders: false))
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
        if (!Matches(readBack, content, compareHeaders: false))
        {
            throw new StorageException(
                StorageErrorCodes.StoreAltered,
                $"{target.DisplayName}: the {name} document read back from '{path}' differs from what was written (the store altered it)",
                new StorageHint("the previous version may need restoring"));
        }

        return new DocumentOutcome(name, path, location, DocumentStatus.Written, content.Bytes.Length);
    }

    internal static bool Matches(StoredDocument? stored, DocumentContent wanted, bool compareHeaders)
        => stored is not null
           && stored.Bytes.AsSpan().SequenceEqual(wanted.Bytes)
           && (!compareHeaders || (stored.ContentType == wanted.ContentType && stored.CacheControl == wanted.CacheControl));
}
