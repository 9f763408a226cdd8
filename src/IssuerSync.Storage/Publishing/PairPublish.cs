using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.Publishing;

/// <summary>
/// One attempt at publishing the pair to a target that keeps metadata:
/// HEAD discovery (its pair hash current: done, one request); GET JWKS (its kids feed the kid diff); PUT JWKS if-unchanged,
/// GET it back; PUT discovery if-unchanged, GET it back; HEAD both (still ours, else another
/// publisher raced: start over, checking both); anonymous GET of the discovery document.
/// The last publisher to write anything checks both documents after its last write, so it either
/// sees its own pair or starts over: the pair left behind is one publisher's (or an error says not).
/// </summary>
internal sealed class PairPublish
{
    private readonly IBlobTarget _target;
    private readonly PublishOptions _options;
    private readonly PublishProgress _progress;
    private readonly RequestCounter _requests;
    private readonly string _jwksPath;
    private readonly string _discoveryPath;
    private readonly DocumentContent _jwks;
    private readonly DocumentContent _discovery;
    private readonly string _jwksHash;
    private readonly string _discoveryHash;
    private readonly string _pairHash;

    public PairPublish(
        IBlobTarget target,
        PublishOptions options,
        PublishProgress progress,
        RequestCounter requests,
        string jwksPath,
        DocumentContent jwks,
        string discoveryPath,
        DocumentContent discovery)
    {
        _target = target;
        _options = options;
        _progress = progress;
        _requests = requests;
        _jwksPath = jwksPath;
        _discoveryPath = discoveryPath;
        _jwksHash = ContentHash.Of(jwks);
        _discoveryHash = ContentHash.Of(discovery);
        _pairHash = ContentHash.Pair(jwksPath, _jwksHash, discoveryPath, _discoveryHash);
        _jwks = jwks with { Metadata = new Dictionary<string, string> { [ContentHash.DocumentKey] = _jwksHash } };
        _discovery = discovery with
        {
            Metadata = new Dictionary<string, string> { [ContentHash.DocumentKey] = _discoveryHash, [ContentHash.PairKey] = _pairHash },
        };
    }

    /// <summary>
    /// The JWKS served when the last attempt started (null: none), for the kid diff; when one HEAD proved the pair current, the
    /// JWKS being published.
    /// </summary>
    public byte[]? ServedJwks { get; private set; }

    /// <summary>One attempt; <paramref name="fullCheck"/> after a lost race, when the discovery record may be the other publisher's half of a pair.</summary>
    public async Task<IReadOnlyList<DocumentOutcome>> RunAsync(bool fullCheck, CancellationToken cancellationToken)
    {
        var discoveryStored = await _target.ReadPropertiesAsync(_discoveryPath, cancellationToken).ConfigureAwait(false);
        var discoverySame = Current(discoveryStored, _discovery, _discoveryHash)
            && discoveryStored!.MetadataValue(ContentHash.PairKey) == _pairHash;
        if (discoverySame && !fullCheck)
        {
            ServedJwks = _jwks.Bytes;
            return Outcomes(DocumentStatus.Unchanged, DocumentStatus.Unchanged);
        }

        // A GET rather than a HEAD: the same one request, and its bytes give the kids being replaced.
        var jwksServed = await _target.ReadAsync(_jwksPath, cancellationToken).ConfigureAwait(false);
        ServedJwks = jwksServed?.Bytes;
        var jwksStored = jwksServed is null ? null
            : new StoredProperties(jwksServed.ETag, jwksServed.ContentType, jwksServed.CacheControl, jwksServed.Bytes.Length)
            {
                Metadata = jwksServed.Metadata,
                LastModified = jwksServed.LastModified,
            };
        var jwksSame = Current(jwksStored, _jwks, _jwksHash);
        if (jwksSame && discoverySame)
        {
            return Outcomes(DocumentStatus.Unchanged, DocumentStatus.Unchanged);
        }

        if (_options.DryRun)
        {
            return Outcomes(
                jwksSame ? DocumentStatus.Unchanged : DocumentStatus.WouldWrite,
                discoverySame ? DocumentStatus.Unchanged : DocumentStatus.WouldWrite);
        }

        await _target.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var jwksETag = jwksStored?.ETag;
        if (!jwksSame)
        {
            jwksETag = await WriteAsync(
                DocumentPublisher.JwksName,
                _jwksPath,
                _jwks,
                WriteCondition.Unchanged(jwksStored),
                "nothing was changed: the previously published documents are still served",
                cancellationToken).ConfigureAwait(false);
        }

        var discoveryETag = discoveryStored?.ETag;
        if (!discoverySame)
        {
            var state = jwksSame
                ? "the JWKS was already current and the previous discovery document is still served"
                : "the new JWKS is published and the previous discovery document is still served next to it (run publish again to finish)";
            discoveryETag = await WriteAsync(
                DocumentPublisher.DiscoveryName,
                _discoveryPath,
                _discovery,
                WriteCondition.Unchanged(discoveryStored),
                state,
                cancellationToken).ConfigureAwait(false);
        }

        var jwksNow = await _target.ReadPropertiesAsync(_jwksPath, cancellationToken).ConfigureAwait(false);
        if (jwksNow?.ETag != jwksETag || jwksNow?.MetadataValue(ContentHash.DocumentKey) != _jwksHash)
        {
            throw new StorageConflictException(
                $"{_target.DisplayName}: the JWKS at {_target.LocationOf(_jwksPath)} changed while the discovery document was being written: " +
                "another publisher is writing this issuer");
        }

        var discoveryNow = await _target.ReadPropertiesAsync(_discoveryPath, cancellationToken).ConfigureAwait(false);
        if (discoveryNow?.ETag != discoveryETag || discoveryNow?.MetadataValue(ContentHash.PairKey) != _pairHash)
        {
            throw new StorageConflictException(
                $"{_target.DisplayName}: the discovery document at {_target.LocationOf(_discoveryPath)} changed while the JWKS was being written: " +
                "another publisher is writing this issuer");
        }

        if (_target.AnonymousReadUrlOf(_discoveryPath) is { } url)
        {
            await AnonymousReadCheck.RunAsync(_target, _requests, DocumentPublisher.DiscoveryName, url, _discovery.Bytes, cancellationToken)
                .ConfigureAwait(false);
        }

        return Outcomes(
            jwksSame ? DocumentStatus.Unchanged : DocumentStatus.Written,
            discoverySame ? DocumentStatus.Unchanged : DocumentStatus.Written);
    }

    private static bool Current(StoredProperties? stored, DocumentContent wanted, string hash)
        => stored is not null
           && stored.MetadataValue(ContentHash.DocumentKey) == hash
           && stored.Length == wanted.Bytes.Length
           && stored.ContentType == wanted.ContentType
           && stored.CacheControl == wanted.CacheControl;

    private async Task<string?> WriteAsync(
        string name,
        string path,
        DocumentContent content,
        WriteCondition condition,
        string stateOnFailure,
        CancellationToken cancellationToken)
    {
        string? etag;
        StoredDocument? readBack;
        try
        {
            _progress.Starting(name);
            etag = await _target.WriteAsync(path, content, condition, cancellationToken).ConfigureAwait(false);
            _progress.Finished(name);
        }
        catch (StorageConflictException)
        {
            throw;
        }
        catch (StorageException e)
        {
            throw new StorageException(e.Code, $"the {name} document was not published: {e.Message}. State: {stateOnFailure}", e.Hint, e);
        }

        try
        {
            readBack = await _target.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e) when (e is not StorageConflictException)
        {
            var state = name == DocumentPublisher.JwksName
                ? "the new JWKS was written but not verified, and the previous discovery document is still served next to it"
                : "the new JWKS and discovery document were written but not verified";
            throw new StorageException(
                e.Code,
                $"the {name} document was written but could not be read back: {e.Message}. State: {state}; run publish again to verify and finish",
                e.Hint,
                e);
        }

        if (readBack is not null && etag is not null && readBack.ETag != etag)
        {
            throw new StorageConflictException(
                $"{_target.DisplayName}: the {name} document at {_target.LocationOf(path)} was replaced right after it was written: " +
                "another publisher is writing this issuer");
        }

        if (!DocumentPublisher.Matches(readBack, content, compareHeaders: true))
        {
            var what = readBack is null ? "is missing"
                : !readBack.Bytes.AsSpan().SequenceEqual(content.Bytes)
                    ? $"has {readBack.Bytes.Length} bytes that differ from the {content.Bytes.Length} written (the store altered them)"
                : $"is served with Content-Type '{readBack.ContentType}' and Cache-Control '{readBack.CacheControl}' " +
                  $"instead of '{content.ContentType}' and '{content.CacheControl}'";
            var state = name == DocumentPublisher.JwksName ? "the discovery document was not written" : "the JWKS is published";
            throw new StorageException(
                StorageErrorCodes.StoreAltered,
                $"{_target.DisplayName}: the {name} document read back from {_target.LocationOf(path)} {what}. State: {state}",
                new StorageHint("publish again once the store is fixed"));
        }

        return etag;
    }

    private IReadOnlyList<DocumentOutcome> Outcomes(DocumentStatus jwks, DocumentStatus discovery) =>
    [
        new(DocumentPublisher.JwksName, _jwksPath, _target.LocationOf(_jwksPath), jwks, _jwks.Bytes.Length),
        new(DocumentPublisher.DiscoveryName, _discoveryPath, _target.LocationOf(_discoveryPath), discovery, _discovery.Bytes.Length),
    ];
}
