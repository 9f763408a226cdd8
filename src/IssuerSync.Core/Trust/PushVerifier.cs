using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Core.Trust;

/// <summary>
/// Decides a push against the issuer's current state: the token must verify with a key the issuer
/// is ALREADY trusted with (active or retained; never a key from the push itself), its claims must
/// match the registration, and it must not be replayed with another body. First contact (nothing
/// published yet) is the one exception: the token is checked against the pushed keys and the keys
/// only become pending, waiting for an operator's approval by fingerprint.
/// </summary>
public static class PushVerifier
{
    public static async Task<PushDecision> DecideAsync(
        PushCandidate candidate,
        IssuerState state,
        PushVerificationOptions options,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var registration = candidate.Registration;
        var token = candidate.UnverifiedToken;

        // Verify against the state as of now: a retained key past its deadline is no longer trusted.
        state = RotationPolicy.Apply(state, TimePassedEvent.Instance, RotationOptions.From(registration), now).State;
        var enrolling = state.IsEnrolling;

        var refusal = FindVerificationKey(candidate, state, enrolling, out var found);
        if (refusal is not null)
        {
            return PushDecision.Refuse(refusal);
        }

        var key = found!;
        if (!await TokenSignature.VerifiesAsync(token, key).ConfigureAwait(false))
        {
            return PushDecision.Refuse(PushRefusal.Unauthorized(
                PushRefusalCodes.TokenSignatureInvalid,
                $"the token's signature does not verify with kid {key.Kid} of issuer {registration.Issuer}: the token was forged or altered; " +
                "send the token the cluster minted, unchanged"));
        }

        // From here on the token's claims are verified.
        refusal = TokenClaimRules.Check(token, registration, options.ClockSkew, now, out var expiresAt);
        if (refusal is not null)
        {
            return PushDecision.Refuse(refusal);
        }

        var binding = state.Tokens.FirstOrDefault(t => t.TokenHash == candidate.TokenHash && t.ExpiresAt > now);
        if (binding is not null)
        {
            return binding.BodyHash == candidate.BodyHash
                ? Answer(state, candidate, changed: false, newState: null)
                : PushDecision.Refuse(PushRefusal.Conflict(
                    PushRefusalCodes.TokenReplayed,
                    "this token was already used with another body: a token authenticates one push; request a fresh token for every push"));
        }

        if (state.ForgottenTokensExpireBy is { } forgotten && expiresAt <= forgotten)
        {
            return PushDecision.Refuse(PushRefusal.Conflict(
                PushRefusalCodes.TokenReplayed,
                $"this token expires by {forgotten:O}, and the bindings of such tokens were forgotten early " +
                "(more pushes than the publisher remembers within a token lifetime), so it may have been used already: request a fresh token for every push"));
        }

        if (state.LastObservedAt is { } last && candidate.Request.ObservedAt < last)
        {
            return PushDecision.Refuse(PushRefusal.Conflict(
                PushRefusalCodes.PushOutOfOrder,
                $"the push was observed at {candidate.Request.ObservedAt:O}, before the latest accepted push ({last:O}): a stale key set is not applied; " +
                "push the cluster's current keys"));
        }

        var result = RotationPolicy.Apply(
            state,
            new PushEvent
            {
                Keys = candidate.Keys,
                SigningKid = enrolling ? null : key.Kid,
                Subject = token.Subject,
                SourceAddress = candidate.SourceAddress,
                ObservedAt = candidate.Request.ObservedAt,
                Token = new TokenBinding(candidate.TokenHash, candidate.BodyHash, expiresAt),
            },
            RotationOptions.From(registration),
            now);
        if (result.Error is { } error)
        {
            return PushDecision.Refuse(new PushRefusal(error.Code, error.Code == RotationErrorCodes.EnrolmentRateLimited ? 429 : 409, error.Message));
        }

        return Answer(result.State, candidate, result.Added.Any(a => a.Action != HistoryAction.Pushed), result.State);
    }

    private static PushRefusal? FindVerificationKey(PushCandidate candidate, IssuerState state, bool enrolling, out ServiceAccountKey? key)
    {
        key = null;
        var token = candidate.UnverifiedToken;
        var issuer = candidate.Registration.Issuer;
        if (string.IsNullOrEmpty(token.Kid))
        {
            return PushRefusal.Unauthorized(
                PushRefusalCodes.TokenKidMissing,
                "the token's header has no kid: Kubernetes names the signing key in every token; send the token the cluster minted");
        }

        if (enrolling)
        {
            key = candidate.Keys.FirstOrDefault(k => k.Kid == token.Kid);
            return key is null
                ? PushRefusal.Unauthorized(
                    PushRefusalCodes.TokenKeyUntrusted,
                    $"issuer {issuer} has no approved key yet and the token's kid {token.Kid} is not among the pushed keys: " +
                    "push the JWKS of the cluster that signed the token")
                : null;
        }

        var record = state.Find(token.Kid);
        if (record is { IsPublished: true })
        {
            key = record.ToKey();
            return key.Algorithm == token.Alg
                ? null
                : PushRefusal.Unauthorized(
                    PushRefusalCodes.TokenAlgorithmNotAllowed,
                    $"the token's alg '{token.Alg}' does not match kid {key.Kid} ({key.Description} signs with {key.Algorithm}): " +
                    "send the token the cluster signed");
        }

        var why = record?.Status switch
        {
            KeyStatus.Pending => "it is pending an operator's approval",
            KeyStatus.Revoked => "it was revoked by an operator",
            KeyStatus.Dropped => "it was dropped after its retention window",
            _ when candidate.Keys.Any(k => k.Kid == token.Kid) => "it appears only in this push, and a push cannot vouch for itself",
            _ => "it is not a key of this issuer",
        };
        return PushRefusal.Unauthorized(
            PushRefusalCodes.TokenKeyUntrusted,
            $"the token is signed by kid {token.Kid}, which issuer {issuer} does not trust ({why}): " +
            $"trusted kids are {string.Join(", ", state.PublishedKids)}; if the cluster switched to a key it never pushed while signing with a trusted one, " +
            "sign with the previous key again, push the new key with it, then switch (docs/rotation.md); " +
            "if every old key is lost, remove the issuer's state document to enrol it again");
    }

    private static PushDecision Answer(IssuerState state, PushCandidate candidate, bool changed, IssuerState? newState)
    {
        var pushedKids = candidate.Keys.Select(k => k.Kid).ToHashSet(StringComparer.Ordinal);
        var pending = state.Keys.Any(k => k.Status == KeyStatus.Pending && pushedKids.Contains(k.Kid));
        var response = new PushResponse
        {
            Status = pending ? PushStatus.Pending : PushStatus.Accepted,
            Changed = changed,
            Published = state.PublishedKids,
            Pending = state.PendingKids,
        };
        return new PushDecision(pending ? 202 : 200, response, newState);
    }
}
