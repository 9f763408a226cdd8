using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Rotation;

/// <summary>The mutable working copy <see cref="RotationPolicy"/> applies one event to.</summary>
internal sealed class RotationWork
{
    private readonly IssuerState _state;
    private readonly RotationOptions _options;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, KeyRecord> _keys;
    private readonly List<TokenBinding> _tokens;
    private string? _latestSigningKid;
    private DateTimeOffset? _lastObservedAt;
    private DateTimeOffset? _lastAcceptedPushAt;
    private DateTimeOffset? _forgottenTokensExpireBy;
    private FirstContactWindow? _firstContacts;

    public RotationWork(IssuerState state, RotationOptions options, DateTimeOffset now)
    {
        _state = state;
        _options = options;
        _now = now;
        _keys = state.Keys.ToDictionary(k => k.Kid, StringComparer.Ordinal);
        _tokens = [.. state.Tokens];
        _latestSigningKid = state.LatestSigningKid;
        _lastObservedAt = state.LastObservedAt;
        _lastAcceptedPushAt = state.LastAcceptedPushAt;
        _forgottenTokensExpireBy = state.ForgottenTokensExpireBy;
        _firstContacts = state.FirstContacts;
    }

    public List<HistoryEntry> Added { get; } = [];

    private int PublishedCount => _keys.Values.Count(k => k.IsPublished);

    private bool IsEnrolling => PublishedCount == 0;

    /// <summary>
    /// Forgets expired token bindings and drops retained keys past their deadline (never the latest signing kid, never
    /// the last published keys).
    /// </summary>
    public void PassTime()
    {
        _tokens.RemoveAll(t => t.ExpiresAt <= _now);
        if (_forgottenTokensExpireBy <= _now)
        {
            _forgottenTokensExpireBy = null;
        }

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

    public RotationError? Push(PushEvent push)
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

        if (enrolling && CountFirstContact() is { } limited)
        {
            return limited;
        }

        var actor = HistoryActor.ForPush(push.SigningKid, push.Subject, push.SourceAddress);
        var pushed = push.Keys.DistinctBy(k => k.Kid, StringComparer.Ordinal).OrderBy(k => k.Kid, StringComparer.Ordinal).ToList();
        var pushedKids = pushed.Select(k => k.Kid).ToHashSet(StringComparer.Ordinal);
        var arrival = enrolling || _options.RequireApprovalForNewKeys ? KeyStatus.Pending : KeyStatus.Active;
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

                // Outside high-assurance mode a trusted push vouches for the pending keys it lists, as for new ones.
                case KeyStatus.Pending when arrival == KeyStatus.Active:
                    _keys[key.Kid] = record with { Status = KeyStatus.Active, LastSeen = _now, ChangedAt = _now };
                    activated.Add(key.Kid);
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

        var until = SaturatingTime.Add(_now, _options.RetentionWindow);
        foreach (var record in _keys.Values.Where(k => !pushedKids.Contains(k.Kid)).OrderBy(k => k.Kid, StringComparer.Ordinal).ToList())
        {
            if (record.Status == KeyStatus.Active)
            {
                _keys[record.Kid] = record with { Status = KeyStatus.Retained, RetainUntil = until, ChangedAt = _now };
                retained.Add(record.Kid);
            }
            else if (record.Status == KeyStatus.Pending)
            {
                // Never published, never trusted: nothing to remember but the history line.
                _keys.Remove(record.Kid);
                dropped.Add(record.Kid);
            }
        }

        if (!enrolling && PublishedCount == 0)
        {
            return new RotationError(
                RotationErrorCodes.WouldEmptyPublishedSet,
                $"the push would leave issuer {_state.Issuer} with no published key: refused; push a JWKS that includes a trusted key");
        }

        // An unchanged re-push (only lastSeen, the token binding and the timestamps move) leaves no history line.
        var changed = pending.Count + activated.Count + retained.Count + dropped.Count > 0
            || (!enrolling && push.SigningKid != _latestSigningKid);
        if (changed)
        {
            Record(HistoryAction.Pushed, pushed.Select(k => k.Kid).ToList(), actor, enrolling
                ? "first contact: the keys wait for an operator's approval by fingerprint"
                : ignored.Count > 0 ? $"revoked kids ignored: {string.Join(", ", ignored)}" : null);
        }

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
        _lastAcceptedPushAt = _now;
        if (push.Token is not null)
        {
            Bind(push.Token);
        }

        return null;
    }

    public RotationError? Approve(ApproveEvent approve)
    {
        var pendingKeys = _keys.Values.Where(k => k.Status == KeyStatus.Pending).OrderBy(k => k.Kid, StringComparer.Ordinal).ToList();
        if (pendingKeys.Count == 0)
        {
            return new RotationError(
                RotationErrorCodes.NothingToApprove,
                $"issuer {_state.Issuer} has no pending key: nothing to approve (see its status for the published keys)");
        }

        var wanted = approve.Fingerprints.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
        var unknown = wanted.Where(f => pendingKeys.All(k => k.Fingerprint != f)).ToList();
        if (wanted.Count == 0 || unknown.Count > 0)
        {
            var listing = string.Join(", ", pendingKeys.Select(k => $"{k.Kid} (sha256 {k.Fingerprint})"));
            return new RotationError(
                RotationErrorCodes.UnknownFingerprint,
                $"fingerprint '{string.Join(", ", unknown)}' matches no pending key of issuer {_state.Issuer}: " +
                $"compare with 'openssl pkey -pubin -outform DER | sha256sum' on the cluster's key and approve one of: {listing}");
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
            return new RotationError(
                RotationErrorCodes.UnknownKid,
                $"kid '{revoke.Kid}' is not a key of issuer {_state.Issuer}: use one of {string.Join(", ", _keys.Keys.Order(StringComparer.Ordinal))}");
        }

        if (record.Status == KeyStatus.Revoked)
        {
            return new RotationError(RotationErrorCodes.AlreadyRevoked, $"kid '{revoke.Kid}' of issuer {_state.Issuer} is already revoked: nothing to do");
        }

        var signing = revoke.Kid == _latestSigningKid;
        if (signing && !revoke.ConfirmSigningKey)
        {
            return new RotationError(
                RotationErrorCodes.SigningKeyNeedsConfirmation,
                $"kid '{revoke.Kid}' signed the latest accepted push of issuer {_state.Issuer}: " +
                "revoking it refuses the agent's next pushes until the cluster signs with another trusted key; confirm explicitly to revoke it anyway");
        }

        if (record.IsPublished && PublishedCount == 1)
        {
            return new RotationError(
                RotationErrorCodes.WouldEmptyPublishedSet,
                $"kid '{revoke.Kid}' is the only published key of issuer {_state.Issuer}: revoking it would publish an empty JWKS; " +
                "approve or push a new key first");
        }

        _keys[revoke.Kid] = record with { Status = KeyStatus.Revoked, RetainUntil = null, ChangedAt = _now };
        if (signing)
        {
            _latestSigningKid = null;
        }

        Record(
            HistoryAction.Revoked,
            [revoke.Kid],
            HistoryActor.ForOperator(revoke.Operator),
            signing ? "the latest signing key, revoked with confirmation" : null);
        return null;
    }

    public IssuerState Build()
    {
        ForgetOldDroppedRecords();
        var (history, compacted) = CompactHistory();
        return _state with
        {
            SchemaVersion = IssuerState.CurrentSchemaVersion,
            Keys = _keys.Values.OrderBy(k => k.Kid, StringComparer.Ordinal).ToArray(),
            Tokens = _tokens.OrderBy(t => t.TokenHash, StringComparer.Ordinal).ToArray(),
            LatestSigningKid = _latestSigningKid,
            LastObservedAt = _lastObservedAt,
            LastAcceptedPushAt = _lastAcceptedPushAt,
            ForgottenTokensExpireBy = _forgottenTokensExpireBy,
            FirstContacts = IsEnrolling ? _firstContacts : null,
            History = history,
            CompactedHistoryEntries = _state.CompactedHistoryEntries + compacted,
        };
    }

    internal static string Normalize(string fingerprint)
        => fingerprint.Replace(":", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();

    /// <summary>Counts a first-contact push in the current hour, or refuses it when the hour is full.</summary>
    private RotationError? CountFirstContact()
    {
        var window = _firstContacts;
        if (window is null || _now - window.Start >= FirstContactWindow.Length || _now < window.Start)
        {
            _firstContacts = new FirstContactWindow(_now, 1);
            return null;
        }

        if (window.Count >= _options.MaxFirstContactPushesPerHour)
        {
            var retryAt = window.Start + FirstContactWindow.Length;
            return new RotationError(
                RotationErrorCodes.EnrolmentRateLimited,
                $"issuer {_state.Issuer} has had {window.Count} first-contact pushes since {window.Start:O}; " +
                $"at most {_options.MaxFirstContactPushesPerHour} an hour are accepted while it enrols: " +
                $"retry after {retryAt:O}, and approve the pending key by fingerprint " +
                "(if these pushes are not your agent's, someone else knows the issuer and agent subject)");
        }

        _firstContacts = window with { Count = window.Count + 1 };
        return null;
    }

    /// <summary>Binds the token; beyond the bound the bindings expiring first are forgotten and their tokens refused from then on.</summary>
    private void Bind(TokenBinding token)
    {
        _tokens.RemoveAll(t => t.TokenHash == token.TokenHash);
        _tokens.Add(token);
        var excess = _tokens.Count - Math.Max(1, _options.MaxTokenBindings);
        if (excess <= 0)
        {
            return;
        }

        var forgotten = _tokens.OrderBy(t => t.ExpiresAt).ThenBy(t => t.TokenHash, StringComparer.Ordinal).Take(excess).ToList();
        foreach (var binding in forgotten)
        {
            _tokens.Remove(binding);
            _forgottenTokensExpireBy = _forgottenTokensExpireBy > binding.ExpiresAt ? _forgottenTokensExpireBy : binding.ExpiresAt;
        }
    }

    private void ForgetOldDroppedRecords()
    {
        var dropped = _keys.Values.Where(k => k.Status == KeyStatus.Dropped).ToList();
        foreach (var record in dropped
            .OrderByDescending(k => k.ChangedAt)
            .ThenBy(k => k.Kid, StringComparer.Ordinal)
            .Skip(Math.Max(0, _options.MaxDroppedRecords)))
        {
            _keys.Remove(record.Kid);
        }
    }

    /// <summary>
    /// The history with the new entries appended and the oldest forgotten beyond the bounds: only ever a suffix of the
    /// old history followed by the new entries.
    /// </summary>
    private (IReadOnlyList<HistoryEntry> History, int Compacted) CompactHistory()
    {
        List<HistoryEntry> all = [.. _state.History, .. Added];
        int keep = 0, kids = 0;
        for (var i = all.Count - 1; i >= 0; i--)
        {
            kids += all[i].Kids.Count;
            if (keep > 0 && (keep >= _options.MaxHistoryEntries || kids > _options.MaxHistoryKids))
            {
                break;
            }

            keep++;
        }

        var compacted = all.Count - keep;
        return (compacted == 0 ? all : all.GetRange(compacted, keep), compacted);
    }

    private void Record(string action, IReadOnlyList<string> kids, HistoryActor by, string? detail)
    {
        if (kids.Count > 0)
        {
            Added.Add(new HistoryEntry { At = _now, Action = action, Kids = kids, By = by, Detail = detail });
        }
    }
}
