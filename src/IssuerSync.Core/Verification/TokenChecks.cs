using System.Buffers.Text;
using System.Text.Json;
using IssuerSync.Core.Trust;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IssuerSync.Core.Verification;

/// <summary>
/// Checks a projected service-account token as a cloud STS does: alg, iss byte for byte, kid
/// published, signature (JsonWebTokenHandler, only the published key of that kid and its alg),
/// exp/nbf, aud, and the clouds' own limits on iat and the lifetime (exp - iat; sources in
/// docs/verify-and-trust.md). The token itself is never put in a finding.
/// </summary>
public static class TokenChecks
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // AADSTS70023: "must have a lifetime of less than or equal to 1.01:00:00".
    private static readonly TimeSpan EntraMaxLifetime = new(1, 1, 0, 0);

    // GCP STS subject_token: "exp ... Must be less than 48 hours after iat".
    private static readonly TimeSpan GcpLifetimeLimit = TimeSpan.FromHours(48);

    public static async Task<TokenCheckResult> CheckAsync(string token, TokenCheckOptions options, CancellationToken cancellationToken = default)
    {
        var findings = new List<Finding>();
        JsonWebToken unverified;
        try
        {
            // Everything read from this object before ValidateTokenAsync succeeds is unverified.
            unverified = new JsonWebTokenHandler().ReadJsonWebToken(token.Trim());
        }
        catch (ArgumentException)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenMalformed,
                "the token is not a JWS compact serialization (three base64url parts separated by '.')",
                CloudErrors.BadSignature,
                "give the token file the kubelet projects (serviceAccountToken volume), or the output of kubectl create token SA"));
            return new TokenCheckResult(findings, null, []);
        }

        var subject = TokenClaims.Text(unverified, "sub");
        var audiences = unverified.Audiences.ToList();
        if (string.IsNullOrEmpty(unverified.Alg)
            || string.Equals(unverified.Alg, "none", StringComparison.OrdinalIgnoreCase)
            || unverified.EncodedSignature.Length == 0)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenAlgNone,
                $"the token is unsigned (alg '{unverified.Alg}'): anyone could have written it",
                CloudErrors.BadSignature,
                "use a token the API server signed (projected serviceAccountToken volume or kubectl create token SA)"));
            return new TokenCheckResult(findings, subject, audiences);
        }

        CheckIssuer(unverified, options, findings);
        var published = CheckKid(unverified, options, findings);
        if (published is not null)
        {
            await CheckSignatureAsync(unverified, published, findings).ConfigureAwait(false);
        }

        CheckLifetime(unverified, options.TimeProvider.GetUtcNow(), findings);
        CheckCloudTimeLimits(unverified, options.TimeProvider.GetUtcNow(), findings);
        CheckAudience(audiences, options.Audience, findings);
        if (string.IsNullOrEmpty(subject))
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenSubjectMissing,
                "the token has no sub: a trust policy cannot match it",
                CloudErrors.SubjectMismatch,
                "use a service-account token: its sub is system:serviceaccount:NAMESPACE:NAME"));
        }

        findings.Add(Finding.Info(
            FindingCodes.TokenClaims,
            $"sub '{subject}', aud [{string.Join(", ", audiences)}]: the cloud's federated credential / trust policy must match these exactly"));
        if (!findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            findings.Add(Finding.Info(
                FindingCodes.TokenOk,
                $"the token verifies with kid {published!.Kid} ({unverified.Alg}) and is valid until {unverified.ValidTo:u}"));
        }

        return new TokenCheckResult(findings, subject, audiences);
    }

    private static void CheckIssuer(JsonWebToken token, TokenCheckOptions options, List<Finding> findings)
    {
        var iss = TokenClaims.Text(token, "iss");
        if (string.Equals(iss, options.Issuer.Value, StringComparison.Ordinal))
        {
            return;
        }

        var slashOnly = options.Issuer.DiffersOnlyBySlash(iss);
        findings.Add(Finding.Error(
            slashOnly ? FindingCodes.TokenIssuerTrailingSlash : FindingCodes.TokenIssuerMismatch,
            slashOnly
                ? $"the token's iss '{iss}' differs from the issuer '{options.Issuer.Value}' by a trailing slash: clouds compare it byte for byte"
                : $"the token's iss '{iss ?? "(none)"}' is not the issuer '{options.Issuer.Value}'",
            CloudErrors.IssuerMismatch,
            $"set the cluster's --service-account-issuer to exactly '{options.Issuer.Value}' " +
            "(and keep the old one as a second --service-account-issuer while old tokens live), or verify the issuer the tokens name"));
    }

    private static PublishedKey? CheckKid(JsonWebToken token, TokenCheckOptions options, List<Finding> findings)
    {
        if (string.IsNullOrEmpty(token.Kid))
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenKidMissing,
                "the token has no kid in its header: a cloud cannot pick the key",
                CloudErrors.KeyNotFound,
                "use a token kube-apiserver signed (it always sets kid)"));
            return null;
        }

        var published = options.Keys.FirstOrDefault(k => string.Equals(k.Kid, token.Kid, StringComparison.Ordinal));
        if (published is null)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenKidUnknown,
                $"the token's kid '{token.Kid}' is not in the published JWKS (published: " +
                $"{(options.Keys.Count == 0 ? "none" : string.Join(", ", options.Keys.Select(k => k.Kid)))})",
                CloudErrors.KeyNotFound,
                "publish the key the cluster signs with (issuersync publish --key the --service-account-key-file / sa.pub), before the cluster uses it"));
        }

        return published;
    }

    private static async Task CheckSignatureAsync(JsonWebToken unverified, PublishedKey published, List<Finding> findings)
    {
        if (!string.Equals(unverified.Alg, published.Key.Algorithm, StringComparison.Ordinal))
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenAlgMismatch,
                $"the token's alg '{unverified.Alg}' is not the alg of the published key kid {published.Kid} ({published.Key.Algorithm})",
                CloudErrors.BadSignature,
                "publish the key the cluster signs with; the kid and alg must match the signing key"));
            return;
        }

        if (!await TokenSignature.VerifiesAsync(unverified, published.Key, published.Kid).ConfigureAwait(false))
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenSignatureInvalid,
                $"the token's signature does not verify with the published key kid {published.Kid} ({published.Key.Description})",
                CloudErrors.BadSignature,
                "the published key with this kid is not the key that signed the token: publish the cluster's current public key (issuersync publish --key)"));
        }
    }

    private static void CheckLifetime(JsonWebToken token, DateTimeOffset now, List<Finding> findings)
    {
        if (!token.TryGetPayloadValue<long>("exp", out long _))
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenNoExpiry,
                "the token has no exp: it is a legacy secret-based token, which clouds refuse",
                CloudErrors.Expired,
                "use a projected, expiring token (serviceAccountToken volume with an audience) or kubectl create token SA --audience AUD"));
        }
        else if (TokenClaims.TryTime(token, "exp", out var expires) && expires <= now)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenExpired,
                $"the token expired at {expires:u} (now {now:u})",
                CloudErrors.Expired,
                "use a fresh token: the kubelet rotates projected tokens; read the file again"));
        }

        if (TokenClaims.TryTime(token, "nbf", out var notBefore) && notBefore > now + ClockSkew)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenNotYetValid,
                $"the token is not valid before {notBefore:u} (now {now:u})",
                CloudErrors.Expired,
                "check the clocks of the API server and this machine (NTP)"));
        }
    }

    /// <summary>
    /// Entra ID: iat present, exp - iat at most 1 day 1 hour. GCP STS: iat in the past, exp - iat under 48 hours. AWS
    /// STS: integer timestamps.
    /// </summary>
    private static void CheckCloudTimeLimits(JsonWebToken token, DateTimeOffset now, List<Finding> findings)
    {
        var (notIntegers, noDates) = UnusableTimestamps(token);
        if (notIntegers.Count > 0)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenTimestampNotInteger,
                $"the token's {string.Join(", ", notIntegers)} {(notIntegers.Count == 1 ? "is" : "are")} not an integer number of seconds",
                CloudErrors.AwsTimestampFormat,
                "use a token kube-apiserver minted: it writes iat, nbf and exp as integers"));
        }

        if (noDates.Count > 0)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenTimestampOutOfRange,
                $"the token's {JoinAnd(noDates.Select(d => $"{d.Name} ({d.Value})").ToList())} " +
                $"{(noDates.Count == 1 ? "is not a date" : "are not dates")} between the years 1 and 9999",
                null,
                "use a token kube-apiserver minted: its iat, nbf and exp are seconds since 1970 of the time it was issued"));
        }

        if (!token.TryGetPayloadValue<long>("iat", out var iat))
        {
            if (!notIntegers.Contains("iat") && !noDates.Any(d => d.Name == "iat"))
            {
                findings.Add(Finding.Error(
                    FindingCodes.TokenIatMissing,
                    "the token has no iat: Entra ID computes the lifetime as exp - iat and GCP STS requires iat",
                    CloudErrors.IatMissing,
                    "use a service-account token kube-apiserver minted (projected volume or kubectl create token SA): it always sets iat"));
            }

            return;
        }

        if (!TokenClaims.IsDate(iat))
        {
            return;
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(iat);
        if (issued > now + ClockSkew)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenIatInFuture,
                $"the token was issued at {issued:u}, in the future (now {now:u})",
                CloudErrors.GcpIatInFuture,
                "check the clocks of the API server and this machine (NTP)"));
        }

        if (!token.TryGetPayloadValue<long>("exp", out var exp) || !TokenClaims.IsDate(exp))
        {
            return;
        }

        var lifetime = TimeSpan.FromSeconds(exp - iat);
        if (lifetime > EntraMaxLifetime)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenLifetimeTooLongEntra,
                $"the token lives {Describe(lifetime)} (exp - iat = {exp - iat} s), longer than the 1 day 1 hour (90000 s) Entra ID accepts",
                CloudErrors.EntraLifetime,
                "give the projected serviceAccountToken volume expirationSeconds: " +
                "86400 or less (3600 is common; not 3607, which kube-apiserver extends to a year), or kubectl create token SA --duration 1h"));
        }

        if (lifetime >= GcpLifetimeLimit)
        {
            findings.Add(Finding.Error(
                FindingCodes.TokenLifetimeTooLongGcp,
                $"the token lives {Describe(lifetime)} (exp - iat = {exp - iat} s): GCP STS requires less than 48 hours (172800 s)",
                CloudErrors.GcpLifetime,
                "give the projected serviceAccountToken volume expirationSeconds below 172800 (3600 is common), or kubectl create token SA --duration 1h"));
        }
    }

    /// <summary>
    /// iat, nbf and exp that are not integers (AWS STS refuses them), and integers that are no date (before year 1 or after
    /// 9999): the checks that follow skip both.
    /// </summary>
    private static (List<string> NotIntegers, List<(string Name, string Value)> NoDates) UnusableTimestamps(JsonWebToken token)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.EncodedPayload));
        var notIntegers = new List<string>();
        var noDates = new List<(string Name, string Value)>();
        if (payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (notIntegers, noDates);
        }

        foreach (var name in (string[])["iat", "nbf", "exp"])
        {
            if (!payload.RootElement.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds))
            {
                notIntegers.Add(name);
            }
            else if (!TokenClaims.IsDate(seconds))
            {
                noDates.Add((name, value.GetRawText()));
            }
        }

        return (notIntegers, noDates);
    }

    private static string JoinAnd(List<string> items)
        => items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    private static string Describe(TimeSpan lifetime)
        => lifetime.TotalDays >= 1 ? $"{(int)lifetime.TotalDays} d {lifetime.Hours} h {lifetime.Minutes} min {lifetime.Seconds} s" : lifetime.ToString("c");

    private static void CheckAudience(IReadOnlyList<string> audiences, string? expected, List<Finding> findings)
    {
        if (expected is null || audiences.Contains(expected, StringComparer.Ordinal))
        {
            return;
        }

        findings.Add(Finding.Error(
            FindingCodes.TokenAudienceMismatch,
            $"the token's aud [{string.Join(", ", audiences)}] does not contain '{expected}'",
            CloudErrors.AudienceMismatch,
            $"project the token with audience '{expected}' (serviceAccountToken.audience in the pod spec, or kubectl create token SA --audience {expected})"));
    }
}
