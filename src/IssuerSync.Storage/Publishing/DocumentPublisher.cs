using IssuerSync.Core.Documents;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.Publishing;

/// <summary>
/// Publishes an issuer's documents to a target: the JWKS first, so the discovery document never
/// points at keys that are not there yet; a document whose stored bytes (and headers, where the
/// target keeps them) already match is not rewritten; every write is read back and compared.
/// </summary>
public static class DocumentPublisher
{
    public const string JwksName = "jwks";
    public const string DiscoveryName = "discovery";

    public static async Task<PublishReport> PublishAsync(IssuerDocuments documents, IPublishTarget target, PublishOptions options, CancellationToken cancellationToken = default)
    {
        var jwksPath = documents.JwksPath ?? throw new StorageException(
            $"{target.DisplayName}: jwks_uri '{documents.JwksUri}' is not under the issuer '{documents.Issuer}', so this target cannot serve it: " +
            "leave --jwks-uri out (it defaults to {issuer}/openid/v1/jwks) or give a URL under the issuer");

        var outcomes = new List<DocumentOutcome>
        {
            await PublishOneAsync(target, JwksName, jwksPath, new DocumentContent(documents.Jwks, options.JwksContentType, options.CacheControl), options.DryRun, cancellationToken).ConfigureAwait(false),
            await PublishOneAsync(target, DiscoveryName, documents.DiscoveryPath, new DocumentContent(documents.Discovery, options.DiscoveryContentType, options.CacheControl), options.DryRun, cancellationToken).ConfigureAwait(false),
        };
        return new PublishReport(target.DisplayName, outcomes);
    }

    private static async Task<DocumentOutcome> PublishOneAsync(IPublishTarget target, string name, string path, DocumentContent content, bool dryRun, CancellationToken cancellationToken)
    {
        var location = target.LocationOf(path);
        var stored = await target.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (Matches(stored, content, target.StoresHeaders))
        {
            return new DocumentOutcome(name, path, location, DocumentStatus.Unchanged, content.Bytes.Length);
        }

        if (dryRun)
        {
            return new DocumentOutcome(name, path, location, DocumentStatus.WouldWrite, content.Bytes.Length);
        }

        await target.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        var readBack = await target.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (!Matches(readBack, content, target.StoresHeaders))
        {
            throw new StorageException($"{target.DisplayName}: the {name} document read back from '{path}' differs from what was written (the store altered it); the previous version may need restoring");
        }

        return new DocumentOutcome(name, path, location, DocumentStatus.Written, content.Bytes.Length);
    }

    private static bool Matches(StoredDocument? stored, DocumentContent wanted, bool compareHeaders)
        => stored is not null
           && stored.Bytes.AsSpan().SequenceEqual(wanted.Bytes)
           && (!compareHeaders || (stored.ContentType == wanted.ContentType && stored.CacheControl == wanted.CacheControl));
}
