using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IssuerSync.Core.Trust;

/// <summary>The claim checks of a push token whose signature has verified: sub, aud, exp, nbf, iat and lifetime.</summary>
internal static class TokenClaimRules
{
    public static PushRefusal? Check(JsonWebToken token, IssuerRegistration registration, TimeSpan skew, DateTimeOffset now, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        var subject = TokenClaims.Text(token, "sub");
        if (!string.Equals(subject, registration.AgentSubject, StringComparison.Ordinal))
        {
            return PushRefusal.Forbidden(
                PushRefusalCodes.TokenSubjectInvalid,
                $"the token's sub '{subject ?? "(none)"}' is not the agent registered for issuer {registration.Id} ('{registration.AgentSubject}'): " +
                "run the agent under that service account, or fix the registration");
        }

        var audiences = token.Audiences.ToList();
        if (!audiences.Contains(registration.Audience, StringComparer.Ordinal))
        {
            return PushRefusal.Unauthorized(
                PushRefusalCodes.TokenAudienceInvalid,
                $"the token's aud [{string.Join(", ", audiences)}] does not contain '{registration.Audience}': request the agent's token for that audience");
        }

        if (!TryTime(token, "exp", out var exp))
        {
            return PushRefusal.Unauthorized(
                PushRefusalCodes.TokenExpiryMissing,
                "the token has no exp: only short-lived tokens are accepted; request one with TokenRequest (expirationSeconds)");
        }

        if (!TryTime(token, "iat", out var iat))
        {
            return PushRefusal.Unauthorized(
                PushRefusalCodes.TokenIssuedAtMissing,
                "the token has no iat, so its lifetime cannot be checked: request the token with TokenRequest");
        }

        if (now >= SaturatingTime.Add(exp, skew))
        {
            return PushRefusal.Unauthorized(PushRefusalCodes.TokenExpired, $"the token expired at {exp:O} (now {now:O}): request a fresh token for every push");
        }

        if (TryTime(token, "nbf", out var nbf) && SaturatingTime.Add(nbf, -skew) > now)
        {
            return PushRefusal.Unauthorized(
                PushRefusalCodes.TokenNotYetValid,
                $"the token is not valid before {nbf:O} (now {now:O}): check the clocks of the cluster and the publisher");
        }

        if (SaturatingTime.Add(iat, -skew) > now)
        {
            return PushRefusal.Unauthorized(
                PushRefusalCodes.TokenIssuedInFuture,
                $"the token was issued at {iat:O}, after now ({now:O}): check the clocks of the cluster and the publisher");
        }

        var lifetime = exp - (nbf > iat ? nbf : iat);
        if (lifetime > registration.MaxTokenLifetime)
        {
            return PushRefusal.Unauthorized(
                PushRefusalCodes.TokenLifetimeTooLong,
                $"the token lives {lifetime}, longer than the {registration.MaxTokenLifetime} issuer {registration.Id} accepts: " +
                "request a shorter token (TokenRequest expirationSeconds; `agent export --token-expiration`), " +
                "or raise the issuer's MaxTokenLifetime on the publisher " +
                $"(IssuerSync__Issuers__N__MaxTokenLifetime for the issuer with Id {registration.Id}, written days.hours:minutes:seconds, " +
                "e.g. 1.00:00:00 for 24 hours; at most 2.00:00:00)");
        }

        expiresAt = SaturatingTime.Add(exp, skew);
        return null;
    }

    // Push tokens come from kube-apiserver: a time before the Unix epoch is refused as well as one that is no date.
    private static bool TryTime(JsonWebToken token, string claim, out DateTimeOffset value)
        => TokenClaims.TryTime(token, claim, out value) && value >= DateTimeOffset.UnixEpoch;
}
