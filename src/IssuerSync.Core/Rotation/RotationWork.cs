using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Rotation;

/// <summary>The mutable working copy <see cref="RotationPolicy"/> applies one event to.</summary>
internal sealed class RotationWork
{
    private readonly IssuerState _state;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, KeyRecord> _keys;
    private readonly List<TokenBinding> _tokens;
    private string? _latestSigningKid;
    private DateTimeOffset? _lastObservedAt;

    public RotationWork(IssuerState state, DateTimeOffset now)
    {
        _state = state;
        _now = now;
        _keys = state.Keys.ToDictionary(k => k.Kid, StringComparer.Ordinal);
        _tokens = [.. state.Tokens];
        _latestSigningKid = state.LatestSigningKid;
        _lastObservedAt = state.LastObservedAt;
    }

    public List<HistoryEntry> Added { get; } = [];

    private int PublishedCount => _keys.Values.Count(k => k.IsPublished);

    private bool IsEnrolling => PublishedCount == 0;

    /// <summary>Forgets expired token bindings and drops retained keys past their deadline (never the latest signing kid, never the last published keys).</summary>
    public void PassTime()
    {
        _tokens.RemoveAll(t => t.ExpiresAt <= _now);
        var expired = _keys.Values
            .Where(k => k.Status == KeyStatus.Retained && k.RetainUntil <= _now && k.Kid != _latestSigningKid)
            .Select(k => k.Kid)
            .ToList();
        if (expired.Count == 0 || PublishedCount - expired.Count <= 0)
        {
            return;
        }

        foreach (var kid in expired)
        {
            _keys[kid] = _keys[kid] with { Status = KeyStatus.Dropped, RetainUntil = null, ChangedAt = _now };
        }

        Record(HistoryAction.Dropped, expired, HistoryActor.Policy, "retention window ended");
    }

    public RotationError? Push(PushEvent push, RotationOptions options)
    {
        var enrolling = IsEnrolling;
        if (enrolling != (push.SigningKid is null))
        {
            throw new InvalidOperationException(enrolling
                ? "a push for an issuer with no published key must be a first-contact push (no signing kid)"
                : "a push for an issuer with published keys must name the trusted kid that signed it");
        }

        if (push.SigningKid is not null && !(_keys.GetValueOrDefault(push.SigningKid)?.IsPublished ?? false))
        {
            throw new InvalidOperationException($"the signing kid {push.SigningKid} is not a published key of the issuer");
        }

        var actor = HistoryActor.ForPush(push.SigningKid, push.Subject, push.SourceAddress);
        var pushed = push.Keys.DistinctBy(k => k.Kid, StringComparer.Ordinal).OrderBy(k => k.Kid, StringComparer.Ordinal).ToList();
        var pushedKids = pushed.Select(k => k.Kid).ToHashSet(StringComparer.Ordinal);
        var arrival = enrolling || options.RequireApprovalForNewKeys ? KeyStatus.Pending : KeyStatus.Active;
        List<string> pending = [], activated = [], retained = [], dropped = [], ignored = [];

        foreach (var key in pushed)
        {
            if (!_keys.TryGetValue(key.Kid, out var record))
            {
                _keys[key.Kid] = KeyRecord.Create(key, arrival, _now);
                (arrival == KeyStatus.Pending ? pending : activated).Add(key.Kid);
                continue;
            }

            switch (record.Status)
            {
                case KeyStatus.Revoked:
                    ignored.Add(key.Kid);
                    break;
                case KeyStatus.Active or KeyStatus.Pending:
                    _keys[key.Kid] = record with { LastSeen = _now };
                    break;
                case KeyStatus.Retained:
                    _keys[key.Kid] = record with { Status = KeyStatus.Active, RetainUntil = null, LastSeen = _now, ChangedAt = _now };
                    activated.Add(key.Kid);
                    break;
                case KeyStatus.Dropped:
                    _keys[key.Kid] = record with { Status = arrival, LastSeen = _now, ChangedAt = _now };
                    (arrival == KeyStatus.Pending ? pending : activated).Add(key.Kid);
                    break;
            }
        }

        var until = _now + options.RetentionWindow;
        foreach (var record in _keys.Values.Where(k => !pushedKids.Contains(k.Kid)).OrderBy(k => k.Kid, StringComparer.Ordinal).ToList())
        {
            if (record.Status == KeyStatus.Active)
            {
                _keys[record.Kid] = record with { Status = KeyStatus.Retained, RetainUntil = until, ChangedAt = _now };
                retained.Add(record.Kid);
            }
            else if (record.Status == KeyStatus.Pending)
            {
                _keys[record.Kid] = record with { Status = KeyStatus.Dropped, ChangedAt = _now };
                dropped.Add(record.Kid);
            }
        }

        if (!enrolling && PublishedCount == 0)
        {
            return new RotationError(RotationErrorCodes.WouldEmptyPublishedSet, $"the push would leave issuer {_state.Issuer} with no published key: refused; push a JWKS that includes a trusted key");
        }

        Record(HistoryAction.Pushed, pushed.Select(k => k.Kid).ToList(), actor, enrolling
            ? "first contact: the keys wait for an operator's approval by fingerprint"
            : ignored.Count > 0 ? $"revoked kids ignored: {string.Join(", ", ignored)}" : null);
        Record(HistoryAction.Pending, pending, actor, null);
        Record(HistoryAction.Activated, activated, actor, null);
        Record(HistoryAction.Retained, retained, actor, $"until {until:yyyy-MM-ddTHH:mm:ssZ}");
        Record(HistoryAction.Dropped, dropped, actor, "withdrawn before approval");
        if (!enrolling)
        {
            // A retained key that still signs keeps a full window from its latest use: tokens it signed
            // for workloads must stay verifiable after the cluster stops signing with it.
            if (_keys[push.SigningKid!] is { Status: KeyStatus.Retained } signer && signer.RetainUntil < until)
            {
                _keys[signer.Kid] = signer with { RetainUntil = until };
            }

            _latestSigningKid = push.SigningKid;
        }

        _lastObservedAt = _lastObservedAt is { } last && last > push.ObservedAt ? last : push.ObservedAt.ToUniversalTime();
        if (push.Token is not null)
        {
            _tokens.RemoveAll(t => t.TokenHash == push.Token.TokenHash);
            _tokens.Add(push.Token);
        }

        return null;
    }

    public RotationError? Approve(ApproveEvent approve)
    {
        var pendingKeys = _keys.Values.Where(k => k.Status == KeyStatus.Pending).OrderBy(k => k.Kid, StringComparer.Ordinal).ToList();
        if (pendingKeys.Count == 0)
        {
            return new RotationError(RotationErrorCodes.NothingToApprove, $"issuer {_state.Issuer} has no pending key: nothing to approve (see its status for the published keys)");
        }

        var wanted = approve.Fingerprints.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
        var unknown = wanted.Where(f => pendingKeys.All(k => k.Fingerprint != f)).ToList();
        if (wanted.Count == 0 || unknown.Count > 0)
        {
            var listing = string.Join(", ", pendingKeys.Select(k => $"{k.Kid} (sha256 {k.Fingerprint})"));
            return new RotationError(RotationErrorCodes.UnknownFingerprint, $"fingerprint '{string.Join(", ", unknown)}' matches no pending key of issuer {_state.Issuer}: compare with 'openssl pkey -pubin -outform DER | sha256sum' on the cluster's key and approve one of: {listing}");
        }

        var approved = new List<string>();
        foreach (var record in pendingKeys.Where(k => wanted.Contains(k.Fingerprint)))
        {
            _keys[record.Kid] = record with { Status = KeyStatus.Active, ChangedAt = _now, RetainUntil = null };
            approved.Add(record.Kid);
        }

        Record(HistoryAction.Approved, approved, HistoryActor.ForOperator(approve.Operator), null);
        return null;
    }

    public RotationError? Revoke(RevokeEvent revoke)
    {
        if (!_keys.TryGetValue(revoke.Kid, out var record))
        {
            return new RotationError(RotationErrorCodes.UnknownKid, $"kid '{revoke.Kid}' is not a key of issuer {_state.Issuer}: use one of {string.Join(", ", _keys.Keys.Order(StringComparer.Ordinal))}");
        }

        if (record.Status == KeyStatus.Revoked)
        {
            return new RotationError(RotationErrorCodes.AlreadyRevoked, $"kid '{revoke.Kid}' of issuer {_state.Issuer} is already revoked: nothing to do");
        }

        var signing = revoke.Kid == _latestSigningKid;
        if (signing && !revoke.ConfirmSigningKey)
        {
            return new RotationError(RotationErrorCodes.SigningKeyNeedsConfirmation, $"kid '{revoke.Kid}' signed the latest accepted push of issuer {_state.Issuer}: revoking it refuses the agent's next pushes until the cluster signs with another trusted key; confirm explicitly to revoke it anyway");
        }

        if (record.IsPublished && PublishedCount == 1)
        {
            return new RotationError(RotationErrorCodes.WouldEmptyPublishedSet, $"kid '{revoke.Kid}' is the only published key of issuer {_state.Issuer}: revoking it would publish an empty JWKS; approve or push a new key first");
        }

        _keys[revoke.Kid] = record with { Status = KeyStatus.Revoked, RetainUntil = null, ChangedAt = _now };
        if (signing)
        {
            _latestSigningKid = null;
        }

        Record(HistoryAction.Revoked, [revoke.Kid], HistoryActor.ForOperator(revoke.Operator), signing ? "the latest signing key, revoked with confirmation" : null);
        return null;
    }

    public IssuerState Build() => _state with
    {
        SchemaVersion = IssuerState.CurrentSchemaVersion,
        Keys = _keys.Values.OrderBy(k => k.Kid, StringComparer.Ordinal).ToArray(),
        Tokens = _tokens.OrderBy(t => t.TokenHash, StringComparer.Ordinal).ToArray(),
        LatestSigningKid = _latestSigningKid,
        LastObservedAt = _lastObservedAt,
        History = [.. _state.History, .. Added],
    };

    internal static string Normalize(string fingerprint)
        => fingerprint.Replace(":", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();

    private void Record(string action, IReadOnlyList<string> kids, HistoryActor by, string? detail)
    {
        if (kids.Count > 0)
        {
            Added.Add(new HistoryEntry { At = _now, Action = action, Kids = kids, By = by, Detail = detail });
        }
    }
}
