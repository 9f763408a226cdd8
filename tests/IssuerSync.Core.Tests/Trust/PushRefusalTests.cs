using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>Every way a push is refused, each with a token minted with real keys.</summary>
public class PushRefusalTests
{
    public static TheoryData<string, string, int> Refusals => new()
    {
        { "forged signature (trusted kid, other private key)", "token_signature_invalid", 401 },
        { "another issuer's key", "token_key_untrusted", 401 },
        { "a key from the push itself", "token_key_untrusted", 401 },
        { "a pending key", "token_key_untrusted", 401 },
        { "a revoked key", "token_key_untrusted", 401 },
        { "a retained key past its deadline", "token_key_untrusted", 401 },
        { "unknown issuer", "issuer_unknown", 403 },
        { "no iss", "issuer_unknown", 403 },
        { "iss differs from the body's issuer", "issuer_mismatch", 403 },
        { "wrong sub", "token_subject_invalid", 403 },
        { "no sub", "token_subject_invalid", 403 },
        { "wrong aud", "token_audience_invalid", 401 },
        { "no exp", "token_expiry_missing", 401 },
        { "no iat", "token_issued_at_missing", 401 },
        { "expired", "token_expired", 401 },
        { "not yet valid", "token_not_yet_valid", 401 },
        { "issued in the future", "token_issued_in_future", 401 },
        { "too long-lived", "token_lifetime_too_long", 401 },
        { "alg none (empty signature segment)", "token_algorithm_not_allowed", 401 },
        { "alg none with a signature segment", "token_algorithm_not_allowed", 401 },
        { "HS256 keyed with the public key bytes", "token_algorithm_not_allowed", 401 },
        { "ES256 claimed for the RSA kid", "token_algorithm_not_allowed", 401 },
        { "tampered payload", "token_signature_invalid", 401 },
        { "no kid", "token_kid_missing", 401 },
        { "no token", "token_missing", 401 },
        { "malformed token", "token_malformed", 401 },
        { "token of three garbage segments", "token_malformed", 401 },
        { "token header not JSON", "token_malformed", 401 },
        { "encrypted token (JWE)", "token_malformed", 401 },
        { "oversized body", "body_too_large", 413 },
        { "malformed body", "body_malformed", 400 },
        { "body missing members", "body_malformed", 400 },
        { "unknown version", "unsupported_version", 400 },
        { "unknown source", "unknown_source", 400 },
        { "private parameters", "jwks_private_key", 400 },
        { "wrong kid", "jwks_kid_mismatch", 400 },
        { "empty JWKS", "jwks_empty", 400 },
        { "RSA 1024 key", "jwks_invalid", 400 },
        { "not a JWKS", "jwks_invalid", 400 },
        { "stale bundle", "bundle_stale", 400 },
        { "observed in the future", "observed_in_future", 400 },
        { "older than the latest push", "push_out_of_order", 409 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task DecideAsync_Refuses_WhenPushIsNotTrustworthy(string name, string code, int status)
    {
        var (body, token, state) = Build(name);

        var decision = await DecideAsync(body, token, state);

        Assert.Equal(code, decision.Response.Error);
        Assert.Equal(status, decision.HttpStatus);
        Assert.Null(decision.NewState);
        Assert.False(string.IsNullOrWhiteSpace(decision.Response.Message));
        Assert.Null(decision.Response.Status);
        if (token is not null && token.Length > 20)
        {
            Assert.DoesNotContain(token, decision.Response.Message!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DecideAsync_NamesTheReason_WhenTheTokenIsSignedByAKeyFromThePushItself()
    {
        var fresh = TestKeys.Ec();

        var decision = await DecideAsync(Body(KeyA, fresh), Token(fresh));

        Assert.Equal(
            $"the token is signed by kid {Kid(fresh)}, which issuer {Issuer} does not trust (it appears only in this push, and a push cannot vouch for itself): trusted kids are {Kid(KeyA)}; if the cluster switched to a key it never pushed while signing with a trusted one, sign with the previous key again, push the new key with it, then switch (docs/rotation.md); if every old key is lost, remove the issuer's state document to enrol it again",
            decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_NamesTheSettingToRaise_WhenTheTokenOutlivesMaxTokenLifetime()
    {
        var decision = await DecideAsync(Body(KeyA), Token(edit: c =>
        {
            c["iat"] = Now.AddSeconds(-10).ToUnixTimeSeconds();
            c["nbf"] = Now.AddSeconds(-10).ToUnixTimeSeconds();
            c["exp"] = Now.AddHours(24).ToUnixTimeSeconds();
        }));

        Assert.Equal("token_lifetime_too_long", decision.Response.Error);
        Assert.Equal(
            "the token lives 1.00:00:10, longer than the 01:00:00 issuer prod accepts: request a shorter token (TokenRequest expirationSeconds; `agent export --token-expiration`), or raise the issuer's MaxTokenLifetime on the publisher (IssuerSync__Issuers__N__MaxTokenLifetime for the issuer with Id prod, written days.hours:minutes:seconds, e.g. 1.00:00:00 for 24 hours; at most 2.00:00:00)",
            decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_NamesTheSettingToRaise_WhenTheBundleIsOlderThanMaxBundleAge()
    {
        var observed = Now.AddHours(-13);

        var decision = await DecideAsync(BodyWith(Jwks(KeyA), source: PushProtocol.SourceBundle, observedAt: observed), Token());

        Assert.Equal("bundle_stale", decision.Response.Error);
        Assert.Equal(
            $"the bundle was observed at {observed:O}, older than the 12:00:00 issuer prod accepts: export a fresh bundle on the cluster, or raise the issuer's MaxBundleAge on the publisher (IssuerSync__Issuers__N__MaxBundleAge for the issuer with Id prod, written days.hours:minutes:seconds, e.g. 2.00:00:00 for 2 days; at most its RetentionWindow)",
            decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_NamesTheIssuer_WhenItIsNotRegistered()
    {
        var decision = await DecideAsync(BodyWith(Jwks(KeyA), issuer: "https://oidc.example.com/prod/"), Token(edit: c => c["iss"] = "https://oidc.example.com/prod/"));

        Assert.Equal(
            "the token's issuer 'https://oidc.example.com/prod/' is not registered with this publisher: register it, or check that the cluster's --service-account-issuer matches the registration byte for byte",
            decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_RefusesReplay_WhenTheSameTokenComesWithAnotherBody()
    {
        var token = Token();
        var first = await DecideAsync(Body(KeyA, KeyB), token);

        var replay = await DecideAsync(Body(KeyA), token, first.NewState);

        Assert.Equal(200, first.HttpStatus);
        Assert.Equal(409, replay.HttpStatus);
        Assert.Equal("token_replayed", replay.Response.Error);
        Assert.Equal("this token was already used with another body: a token authenticates one push; request a fresh token for every push", replay.Response.Message);
        Assert.Null(replay.NewState);
    }

    [Fact]
    public async Task DecideAsync_IsIdempotent_WhenTheSameTokenComesWithTheSameBody()
    {
        var token = Token();
        var body = Body(KeyA, KeyB);
        var first = await DecideAsync(body, token);

        var again = await DecideAsync(body, token, first.NewState);

        Assert.Equal(200, again.HttpStatus);
        Assert.Equal("accepted", again.Response.Status);
        Assert.False(again.Response.Changed);
        Assert.Null(again.NewState);
        Assert.Equal(first.Response.Published, again.Response.Published);
    }

    [Fact]
    public async Task DecideAsync_AcceptsTheTokenAgain_AfterItsBindingExpired()
    {
        // A token cannot outlive its binding: once the binding is forgotten the token itself has expired.
        var token = Token();
        var first = await DecideAsync(Body(KeyA, KeyB), token);

        var late = await DecideAsync(Body(KeyA), token, first.NewState, Now.AddMinutes(30));

        Assert.Equal("token_expired", late.Response.Error);
    }

    [Fact]
    public async Task DecideAsync_KeepsTheSigningKeyPublished_WhenAPushListsOnlyRevokedKeys()
    {
        var state = TrustedState(KeyA, KeyB);
        state = RotationPolicy.Apply(state, new RevokeEvent(Kid(KeyB), "alice"), new RotationOptions(), Now).State;

        // KeyA (signing) stays published as retained: a push cannot empty the set.
        var decision = await DecideAsync(Body(KeyB), Token(), state);

        Assert.Equal(200, decision.HttpStatus);
        Assert.Equal([Kid(KeyA)], decision.Response.Published);
        Assert.Equal(KeyStatus.Retained, decision.NewState!.Find(Kid(KeyA))!.Status);
    }

    private static (byte[] Body, string? Token, IssuerState? State) Build(string name)
    {
        var body = Body(KeyA);
        switch (name)
        {
            case "forged signature (trusted kid, other private key)":
                return (body, TestTokens.Sign(TestKeys.Rsa(), Claims(), kid: Kid(KeyA)), null);
            case "another issuer's key":
                return (body, Token(KeyC), null);
            case "a key from the push itself":
            {
                var fresh = TestKeys.Rsa();
                return (Body(KeyA, fresh), Token(fresh), null);
            }

            case "a pending key":
            {
                var state = TrustedState() with { Keys = [.. TrustedState().Keys, KeyRecord.Create(Key(KeyB), KeyStatus.Pending, Now)] };
                return (Body(KeyA, KeyB), Token(KeyB), state with { Keys = state.Keys.OrderBy(k => k.Kid, StringComparer.Ordinal).ToArray() });
            }

            case "a revoked key":
            {
                var state = RotationPolicy.Apply(TrustedState(KeyA, KeyB), new RevokeEvent(Kid(KeyB), "alice"), new RotationOptions(), Now).State;
                return (Body(KeyA, KeyB), Token(KeyB), state);
            }

            case "a retained key past its deadline":
            {
                var state = TrustedState(KeyB, KeyA);
                var a = state.Find(Kid(KeyA))! with { Status = KeyStatus.Retained, RetainUntil = Now.AddMinutes(-1) };
                return (Body(KeyA, KeyB), Token(KeyA), state with { Keys = state.Keys.Select(k => k.Kid == a.Kid ? a : k).ToArray() });
            }

            case "unknown issuer":
                return (BodyWith(Jwks(KeyA), issuer: "https://evil.example.com"), Token(edit: c => c["iss"] = "https://evil.example.com"), null);
            case "no iss":
                return (body, Token(edit: c => c.Remove("iss")), null);
            case "iss differs from the body's issuer":
                return (BodyWith(Jwks(KeyA), issuer: OtherIssuer), Token(), null);
            case "wrong sub":
                return (body, Token(edit: c => c["sub"] = "system:serviceaccount:default:default"), null);
            case "no sub":
                return (body, Token(edit: c => c.Remove("sub")), null);
            case "wrong aud":
                return (body, Token(edit: c => c["aud"] = new JsonArray("https://kubernetes.default.svc")), null);
            case "no exp":
                return (body, Token(edit: c => c.Remove("exp")), null);
            case "no iat":
                return (body, Token(edit: c => c.Remove("iat")), null);
            case "expired":
                return (body, Token(edit: c => SetTimes(c, iat: Now.AddMinutes(-20), exp: Now.AddMinutes(-3))), null);
            case "not yet valid":
                return (body, Token(edit: c => SetTimes(c, iat: Now, exp: Now.AddMinutes(20), nbf: Now.AddMinutes(10))), null);
            case "issued in the future":
                return (body, Token(edit: c => SetTimes(c, iat: Now.AddMinutes(10), exp: Now.AddMinutes(20), nbf: Now)), null);
            case "too long-lived":
                return (body, Token(edit: c => SetTimes(c, iat: Now.AddMinutes(-1), exp: Now.AddHours(2))), null);
            case "alg none (empty signature segment)":
                return (body, TestTokens.SignRaw(new JsonObject { ["alg"] = "none", ["kid"] = Kid(KeyA) }, Claims(), _ => []), null);
            case "alg none with a signature segment":
                return (body, TestTokens.SignRaw(new JsonObject { ["alg"] = "none", ["kid"] = Kid(KeyA) }, Claims(), _ => [1, 2, 3]), null);
            case "HS256 keyed with the public key bytes":
            {
                var secret = KeyA.ExportSubjectPublicKeyInfo();
                return (body, TestTokens.SignRaw(new JsonObject { ["alg"] = "HS256", ["kid"] = Kid(KeyA) }, Claims(), input => HMACSHA256.HashData(secret, input)), null);
            }

            case "ES256 claimed for the RSA kid":
                return (body, TestTokens.Sign(KeyB, Claims(), kid: Kid(KeyA), alg: "ES256"), null);
            case "tampered payload":
            {
                var parts = Token().Split('.');
                var claims = TestTokens.DecodePayload(string.Join('.', parts));
                claims["sub"] = "system:serviceaccount:kube-system:admin";
                return (body, $"{parts[0]}.{TestTokens.Encode(claims)}.{parts[2]}", null);
            }

            case "no kid":
                return (body, TestTokens.SignRaw(new JsonObject { ["alg"] = "RS256" }, Claims(), input => KeyA.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)), null);
            case "no token":
                return (body, null, null);
            case "malformed token":
                return (body, "not-a-jwt", null);
            case "token of three garbage segments":
                return (body, "a.b.c", null);
            case "token header not JSON":
                return (body, $"{System.Buffers.Text.Base64Url.EncodeToString("not json"u8)}.{TestTokens.Encode(Claims())}.c2ln", null);
            case "encrypted token (JWE)":
                return (body, $"{TestTokens.Encode(new JsonObject { ["alg"] = "RSA-OAEP", ["enc"] = "A256GCM" })}.a2V5.aXY.Y2lwaGVy.dGFn", null);
            case "oversized body":
                return (new byte[PushProtocol.MaxBodyBytes + 1], Token(), null);
            case "malformed body":
                return ("{\"version\":\"issuersync.push/v1\","u8.ToArray(), Token(), null);
            case "body missing members":
                return ("{\"version\":\"issuersync.push/v1\",\"issuer\":\"https://oidc.example.com/prod\"}"u8.ToArray(), Token(), null);
            case "unknown version":
                return (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("issuersync.push/v1", "issuersync.push/v2", StringComparison.Ordinal)), Token(), null);
            case "unknown source":
                return (BodyWith(Jwks(KeyA), source: "carrier-pigeon"), Token(), null);
            case "private parameters":
            {
                var jwks = JsonNode.Parse(Jwks(KeyA))!;
                jwks["keys"]![0]!["d"] = "c2VjcmV0";
                return (BodyWith(jwks.ToJsonString()), Token(), null);
            }

            case "wrong kid":
            {
                var jwks = JsonNode.Parse(Jwks(KeyA))!;
                jwks["keys"]![0]!["kid"] = "sha1-of-the-file";
                return (BodyWith(jwks.ToJsonString()), Token(), null);
            }

            case "empty JWKS":
                return (BodyWith("{\"keys\":[]}"), Token(), null);
            case "RSA 1024 key":
            {
                var small = TestKeys.Rsa(1024).ExportParameters(false);
                var jwks = JsonNode.Parse(Jwks(KeyA))!;
                jwks["keys"]!.AsArray().Add(new JsonObject
                {
                    ["use"] = "sig", ["kty"] = "RSA", ["kid"] = "small", ["alg"] = "RS256",
                    ["n"] = System.Buffers.Text.Base64Url.EncodeToString(small.Modulus), ["e"] = "AQAB",
                });
                return (BodyWith(jwks.ToJsonString()), Token(), null);
            }
            case "not a JWKS":
                return (BodyWith("[1,2,3]"), Token(), null);
            case "stale bundle":
                return (BodyWith(Jwks(KeyA), source: PushProtocol.SourceBundle, observedAt: Now.AddHours(-13)), Token(), null);
            case "observed in the future":
                return (BodyWith(Jwks(KeyA), observedAt: Now.AddMinutes(10)), Token(), null);
            case "older than the latest push":
                return (BodyWith(Jwks(KeyA), observedAt: Now.AddHours(-2)), Token(), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such case");
        }
    }

    private static void SetTimes(JsonObject claims, DateTimeOffset iat, DateTimeOffset exp, DateTimeOffset? nbf = null)
    {
        claims["iat"] = iat.ToUnixTimeSeconds();
        claims["exp"] = exp.ToUnixTimeSeconds();
        claims["nbf"] = (nbf ?? iat).ToUnixTimeSeconds();
    }
}
