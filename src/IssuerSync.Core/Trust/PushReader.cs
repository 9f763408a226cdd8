using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IssuerSync.Core.Push;
using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IssuerSync.Core.Trust;

/// <summary>
/// The checks of a push that need no state: size, JSON, version, token shape and algorithm, the
/// registered issuer (read from the UNVERIFIED token, only to pick the keys to verify with), the
/// body's issuer, the JWKS and the bundle's age.
/// </summary>
public static class PushReader
{
    public static PushReadResult Read(
        ReadOnlySpan<byte> body,
        string? bearerToken,
        string? sourceAddress,
        IssuerRegistry registry,
        PushVerificationOptions options,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        if (body.Length > options.MaxBodyBytes)
        {
            return Refuse(new PushRefusal(
                PushRefusalCodes.BodyTooLarge,
                413,
                $"the push body is {body.Length} bytes; at most {options.MaxBodyBytes} are accepted: push only the issuer's public keys"));
        }

        if (string.IsNullOrWhiteSpace(bearerToken))
        {
            return Refuse(PushRefusal.Unauthorized(
                PushRefusalCodes.TokenMissing,
                "the push has no bearer token: send 'Authorization: Bearer <token>' with a token the cluster minted for the agent's service account"));
        }

        if (CompactToken.Problem(bearerToken) is { } shape)
        {
            return Refuse(PushRefusal.Unauthorized(
                PushRefusalCodes.TokenMalformed,
                $"the bearer token is not a canonical compact JWT: {shape}; send the service-account token the cluster minted, unchanged"));
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebTokenHandler().ReadJsonWebToken(bearerToken);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or Microsoft.IdentityModel.Tokens.SecurityTokenException or JsonException)
        {
            return Refuse(PushRefusal.Unauthorized(
                PushRefusalCodes.TokenMalformed,
                "the bearer token is not a well-formed JWT (header.payload.signature): send the service-account token the cluster minted, unchanged"));
        }

        var request = ReadBody(body, out var bodyRefusal);
        if (request is null)
        {
            return Refuse(bodyRefusal!);
        }

        if (!PushVerificationOptions.AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return Refuse(PushRefusal.Unauthorized(
                PushRefusalCodes.TokenAlgorithmNotAllowed,
                $"the token's alg is '{token.Alg}': only {string.Join(", ", PushVerificationOptions.AllowedAlgorithms)} are accepted (never none or HMAC): " +
                "send the token the cluster signed"));
        }

        var unverifiedIssuer = TokenClaims.Text(token, "iss");
        var registration = unverifiedIssuer is null ? null : registry.FindByIssuer(unverifiedIssuer);
        if (registration is null)
        {
            return Refuse(PushRefusal.Forbidden(
                PushRefusalCodes.IssuerUnknown,
                $"the token's issuer '{unverifiedIssuer ?? "(none)"}' is not registered with this publisher: " +
                "register it, or check that the cluster's --service-account-issuer matches the registration byte for byte"));
        }

        if (!string.Equals(request.Issuer, unverifiedIssuer, StringComparison.Ordinal))
        {
            return Refuse(PushRefusal.Forbidden(
                PushRefusalCodes.IssuerMismatch,
                $"the body's issuer '{request.Issuer}' differs from the token's iss '{unverifiedIssuer}': push the keys of the cluster that minted the token"));
        }

        if (request.Source is not (PushProtocol.SourceLive or PushProtocol.SourceBundle))
        {
            return Refuse(PushRefusal.BadRequest(
                PushRefusalCodes.UnknownSource,
                $"source '{request.Source}' is unknown: use '{PushProtocol.SourceLive}' or '{PushProtocol.SourceBundle}'"));
        }

        if (request.ObservedAt > SaturatingTime.Add(now, options.ClockSkew))
        {
            return Refuse(PushRefusal.BadRequest(
                PushRefusalCodes.ObservedInFuture,
                $"observedAt {request.ObservedAt:O} is in the future (now {now:O}): fix the agent host's clock"));
        }

        if (request.Source == PushProtocol.SourceBundle && now - request.ObservedAt > registration.MaxBundleAge)
        {
            return Refuse(PushRefusal.BadRequest(
                PushRefusalCodes.BundleStale,
                $"the bundle was observed at {request.ObservedAt:O}, older than the {registration.MaxBundleAge} issuer {registration.Id} accepts: " +
                "export a fresh bundle on the cluster, or raise the issuer's MaxBundleAge on the publisher " +
                $"(IssuerSync__Issuers__N__MaxBundleAge for the issuer with Id {registration.Id}, written days.hours:minutes:seconds, " +
                "e.g. 2.00:00:00 for 2 days; at most its RetentionWindow)"));
        }

        var (keys, jwksRefusal) = PushJwksCheck.Check(request.Jwks);
        if (jwksRefusal is not null)
        {
            return Refuse(jwksRefusal);
        }

        return new PushReadResult(
            new PushCandidate
            {
                Registration = registration,
                Request = request,
                Keys = keys,
                UnverifiedToken = token,
                TokenHash = Hash(Encoding.ASCII.GetBytes(CompactToken.SigningInput(bearerToken))),
                BodyHash = Hash(body),
                SourceAddress = sourceAddress,
            },
            null);
    }

    private static PushRequest? ReadBody(ReadOnlySpan<byte> body, out PushRefusal? refusal)
    {
        refusal = null;
        if (!Json.JsonText.IsWellFormed(body))
        {
            refusal = PushRefusal.BadRequest(
                PushRefusalCodes.BodyMalformed,
                "the push body is not valid UTF-8 JSON (a string is not valid UTF-8 or holds a lone surrogate escape): see docs/push-protocol.md");
            return null;
        }

        try
        {
            using (var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 }))
            {
                var version = document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String
                    ? v.GetString()
                    : null;
                if (version != PushProtocol.PushVersion)
                {
                    refusal = PushRefusal.BadRequest(
                        PushRefusalCodes.UnsupportedVersion,
                        $"push version '{version ?? "(none)"}' is not supported: this publisher accepts '{PushProtocol.PushVersion}'; " +
                        "use an agent of the same release");
                    return null;
                }
            }

            return PushRequest.FromJson(body);
        }
        catch (JsonException e)
        {
            refusal = PushRefusal.BadRequest(
                PushRefusalCodes.BodyMalformed,
                $"the push body is not a valid {PushProtocol.PushVersion} JSON document ({e.Message}): see docs/push-protocol.md");
            return null;
        }
    }

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static PushReadResult Refuse(PushRefusal refusal) => new(null, refusal);
}
