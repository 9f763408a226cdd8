using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Push;
using IssuerSync.EndToEnd.Tests.Hosting;
using IssuerSync.Testing;
using static IssuerSync.EndToEnd.Tests.Forgery.ForgeryWorld;

namespace IssuerSync.EndToEnd.Tests.Forgery;

/// <summary>
/// Every forged push of the trust-engine tests, sent over HTTP to the real handler's PushKeys as the Functions host
/// proxies it: each refused with its status and code, and every state document and published document
/// byte-identical before and after.
/// </summary>
public sealed class ForgedPushTests(ForgeryWorld world) : IClassFixture<ForgeryWorld>
{
    private static readonly string Prod = Issuer("prod");

    public static TheoryData<string, int, string> Forgeries => new()
    {
        { "forged signature (trusted kid, other private key)", 401, "token_signature_invalid" },
        { "another issuer's key", 401, "token_key_untrusted" },
        { "a key from the push itself", 401, "token_key_untrusted" },
        { "a key never seen", 401, "token_key_untrusted" },
        { "a pending key", 401, "token_key_untrusted" },
        { "a revoked key", 401, "token_key_untrusted" },
        { "unknown issuer", 403, "issuer_unknown" },
        { "issuer with a trailing slash", 403, "issuer_unknown" },
        { "no iss", 403, "issuer_unknown" },
        { "iss differs from the body's issuer", 403, "issuer_mismatch" },
        { "wrong sub", 403, "token_subject_invalid" },
        { "no sub", 403, "token_subject_invalid" },
        { "wrong aud", 401, "token_audience_invalid" },
        { "no exp", 401, "token_expiry_missing" },
        { "no iat", 401, "token_issued_at_missing" },
        { "expired", 401, "token_expired" },
        { "not yet valid", 401, "token_not_yet_valid" },
        { "issued in the future", 401, "token_issued_in_future" },
        { "too long-lived", 401, "token_lifetime_too_long" },
        { "alg none (empty signature segment)", 401, "token_algorithm_not_allowed" },
        { "alg none with a signature segment", 401, "token_algorithm_not_allowed" },
        { "HS256 keyed with the public key bytes", 401, "token_algorithm_not_allowed" },
        { "ES256 claimed for the RSA kid", 401, "token_algorithm_not_allowed" },
        { "tampered payload", 401, "token_signature_invalid" },
        { "no kid", 401, "token_kid_missing" },
        { "no token", 401, "token_missing" },
        { "Basic credentials instead of a bearer token", 401, "token_missing" },
        { "Bearer with nothing after it", 401, "token_missing" },
        { "malformed token", 401, "token_malformed" },
        { "token of three garbage segments", 401, "token_malformed" },
        { "token header not JSON", 401, "token_malformed" },
        { "encrypted token (JWE)", 401, "token_malformed" },
        { "oversized body", 413, "body_too_large" },
        { "malformed body", 400, "body_malformed" },
        { "body missing members", 400, "body_malformed" },
        { "unknown version", 400, "unsupported_version" },
        { "unknown source", 400, "unknown_source" },
        { "private member d", 400, "jwks_private_key" },
        { "private member p", 400, "jwks_private_key" },
        { "private member q", 400, "jwks_private_key" },
        { "private member dp", 400, "jwks_private_key" },
        { "private member dq", 400, "jwks_private_key" },
        { "private member qi", 400, "jwks_private_key" },
        { "private member oth", 400, "jwks_private_key" },
        { "private member k", 400, "jwks_private_key" },
        { "wrong kid", 400, "jwks_kid_mismatch" },
        { "empty JWKS", 400, "jwks_empty" },
        { "RSA 1024 key", 400, "jwks_invalid" },
        { "not a JWKS", 400, "jwks_invalid" },
        { "stale bundle", 400, "bundle_stale" },
        { "observed in the future", 400, "observed_in_future" },
        { "older than the latest push", 409, "push_out_of_order" },
    };

    /// <summary>
    /// The RSA re-encodings of a used token, pushed with another body. HTTP changes a few answers of the trust-engine
    /// table, never the outcome: whitespace around a header value is not part of it (RFC 9110 §5.5; Kestrel strips it,
    /// and so does the publisher), so "leading space" and "tab at the end" arrive as the original token and meet its
    /// binding; a line break inside the value leaves a header line without a colon, which Kestrel refuses before the
    /// publisher sees it (400, no body: code null here); a trailing line break ends the header line early (Kestrel takes
    /// a bare LF as a line end), so the token arrives unchanged and the request's blank line shifts into the body.
    /// </summary>
    public static TheoryData<string, int, string?> RsaReplays => new()
    {
        { "the original token", 409, "token_replayed" },
        { "signature padded with '=='", 401, "token_malformed" },
        { "signature padded with '='", 401, "token_malformed" },
        { "signature with non-zero trailing bits", 401, "token_malformed" },
        { "signature in the standard base64 alphabet", 401, "token_malformed" },
        { "payload with non-zero trailing bits", 401, "token_malformed" },
        { "payload padded", 401, "token_malformed" },
        { "header padded", 401, "token_malformed" },
        { "newline inside the signature", 400, null },
        { "space inside the payload", 401, "token_malformed" },
        { "trailing newline", 400, "body_malformed" },
        { "leading space", 409, "token_replayed" },
        { "tab at the end", 409, "token_replayed" },
        { "a fourth, empty segment", 401, "token_malformed" },
        { "a fourth segment", 401, "token_malformed" },
        { "an empty signature segment", 401, "token_signature_invalid" },
        { "an empty header segment", 401, "token_malformed" },
        { "JWS JSON serialization (flattened)", 401, "token_malformed" },
        { "JWS JSON serialization (general)", 401, "token_malformed" },
        { "a segment one character too long", 401, "token_malformed" },
        { "a non-ASCII character", 401, "token_malformed" },
        { "signature with a zero byte prepended", 401, "token_signature_invalid" },
        { "header re-serialized with spaces, same signature", 401, "token_signature_invalid" },
    };

    public static TheoryData<string, string, int, string> EcReplays => new()
    {
        { "P-256", "the ECDSA twin (r, n - s)", 409, "token_replayed" },
        { "P-384", "the ECDSA twin (r, n - s)", 409, "token_replayed" },
        { "P-521", "the ECDSA twin (r, n - s)", 409, "token_replayed" },
        { "P-256", "signature padded with '=='", 401, "token_malformed" },
        { "P-256", "signature with non-zero trailing bits", 401, "token_malformed" },
        { "P-384", "signature padded with '='", 401, "token_malformed" },
        { "P-521", "signature in the standard base64 alphabet", 401, "token_malformed" },
        { "P-256", "a fourth segment", 401, "token_malformed" },
        { "P-384", "JWS JSON serialization (flattened)", 401, "token_malformed" },
        { "P-256", "signature with a zero byte prepended", 401, "token_signature_invalid" },
        { "P-256", "DER-encoded signature", 401, "token_signature_invalid" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task PushKeys_RefusesAndChangesNoByte_WhenThePushIsForged(string name, int status, string code)
    {
        var (body, authorization) = Build(name);

        await ExpectRefusedAsync(body, authorization, status, code);
    }

    [Theory]
    [MemberData(nameof(RsaReplays))]
    public async Task PushKeys_RefusesAUsedRsaTokenAndChangesNoByte_WhenReEncodedAndSentWithAnotherBody(string name, int status, string? code)
    {
        var token = await UsedTokenAsync(world.A);

        await ExpectRefusedAsync(AnotherBody(), "Bearer " + TokenReEncodings.ReEncode(token, name), status, code);
    }

    [Theory]
    [MemberData(nameof(EcReplays))]
    public async Task PushKeys_RefusesAUsedEcTokenAndChangesNoByte_WhenReEncodedAndSentWithAnotherBody(string curve, string name, int status, string code)
    {
        var key = world.Ec[curve];
        var token = await UsedTokenAsync(key);
        var replay = name == "the ECDSA twin (r, n - s)" ? TokenReEncodings.Twin(token, key) : TokenReEncodings.ReEncode(token, name, key);
        Assert.NotEqual(token, replay);

        await ExpectRefusedAsync(AnotherBody(), "Bearer " + replay, status, code);
    }

    [Fact]
    public async Task PushKeys_AnswersTheUsedTokenAsAnIdempotentRepush_WhenTheBodyIsTheSameAndNothingChanges()
    {
        var body = Body(Prod, world.ProdKeys);
        var token = Token(world.A, Prod);
        var first = await RawPush.SendAsync(world.Handler.Port, body, "Bearer " + token);
        Assert.Equal(200, first.Status);
        var before = world.Snapshot();

        var again = await RawPush.SendAsync(world.Handler.Port, body, "Bearer " + token);

        Assert.Equal(200, again.Status);
        Assert.Equal(("accepted", false), ((string?)again.Json!["status"], (bool?)again.Json["changed"]));
        Assert.Equal(before, world.Snapshot());
    }

    private async Task ExpectRefusedAsync(byte[] body, string? authorization, int status, string? code)
    {
        var before = world.Snapshot();
        Assert.Contains(before.Keys, k => k.EndsWith("prod.json", StringComparison.Ordinal));
        Assert.Contains(before.Keys, k => k.EndsWith(Path.Combine("prod", "openid", "v1", "jwks"), StringComparison.Ordinal));

        var (answered, json, text) = await RawPush.SendAsync(world.Handler.Port, body, authorization);

        Assert.True(answered == status, $"expected {status} {code}, got {answered}: {text}");
        Assert.Equal(code, (string?)json?["error"]);
        if (code is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)json!["message"]), text);
            Assert.Null(json["status"]);
        }

        var bearer = authorization?.Split(' ', 2) is [_, { Length: > 20 } token] ? token : null;
        if (bearer is not null)
        {
            Assert.DoesNotContain(bearer.Trim(), text, StringComparison.Ordinal);
        }

        Assert.Equal(before, world.Snapshot());
    }

    /// <summary>The trusted key set plus a key the attacker wants published.</summary>
    private byte[] AnotherBody()
    {
        using var attacker = TestKeys.Rsa();
        return Body(Prod, [.. world.ProdKeys, attacker]);
    }

    /// <summary>
    /// A token of <paramref name="key"/> accepted once with prod's own keys, chosen so that its payload and its
    /// signature both end in a character with spare bits (the re-encodings that flip them need that).
    /// </summary>
    private async Task<string> UsedTokenAsync(AsymmetricAlgorithm key)
    {
        for (var pad = 0; ; pad++)
        {
            var token = Token(key, Prod, c => c["pad"] = new string('x', pad));
            var parts = token.Split('.');
            if (parts[1].Length % 4 != 2 || !(parts[2].Contains('-') || parts[2].Contains('_')))
            {
                continue;
            }

            await world.ExpectAsync(System.Net.HttpStatusCode.OK, "prod", world.ProdKeys, key, token);
            return token;
        }
    }

    private (byte[] Body, string? Authorization) Build(string name)
    {
        var now = DateTimeOffset.UtcNow;
        var body = Body(Prod, world.ProdKeys);
        string Bearer(string token) => "Bearer " + token;
        string Signed(Action<JsonObject> edit) => Bearer(Token(world.A, Prod, edit));
        JsonNode ProdJwks() => JsonNode.Parse(Encoding.UTF8.GetString(Body(Prod, [world.A])))!["jwks"]!;
        switch (name)
        {
            case "forged signature (trusted kid, other private key)":
            {
                using var other = TestKeys.Rsa();
                return (body, Bearer(TestTokens.Sign(other, Claims(Prod), kid: Kid(world.A))));
            }

            case "another issuer's key":
                return (body, Bearer(Token(world.C, Prod)));
            case "a key from the push itself":
            {
                using var fresh = TestKeys.Rsa();
                return (Body(Prod, [.. world.ProdKeys, fresh]), Bearer(Token(fresh, Prod)));
            }

            case "a key never seen":
            {
                using var fresh = TestKeys.Ec();
                return (body, Bearer(Token(fresh, Prod)));
            }

            case "a pending key":
                return (Body(Issuer("strict"), [world.S, world.P]), Bearer(Token(world.P, Issuer("strict"))));
            case "a revoked key":
                return (Body(Issuer("revoked"), [world.V, world.R]), Bearer(Token(world.R, Issuer("revoked"))));
            case "unknown issuer":
                return (Body("https://evil.example.com", world.ProdKeys), Signed(c => c["iss"] = "https://evil.example.com"));
            case "issuer with a trailing slash":
                return (Body(Prod + "/", world.ProdKeys), Signed(c => c["iss"] = Prod + "/"));
            case "no iss":
                return (body, Signed(c => c.Remove("iss")));
            case "iss differs from the body's issuer":
                return (Body(Issuer("edge"), [world.C]), Bearer(Token(world.A, Prod)));
            case "wrong sub":
                return (body, Signed(c => c["sub"] = "system:serviceaccount:default:default"));
            case "no sub":
                return (body, Signed(c => c.Remove("sub")));
            case "wrong aud":
                return (body, Signed(c => c["aud"] = new JsonArray("https://kubernetes.default.svc")));
            case "no exp":
                return (body, Signed(c => c.Remove("exp")));
            case "no iat":
                return (body, Signed(c => c.Remove("iat")));
            case "expired":
                return (body, Signed(c => SetTimes(c, iat: now.AddMinutes(-20), exp: now.AddMinutes(-3))));
            case "not yet valid":
                return (body, Signed(c => SetTimes(c, iat: now, exp: now.AddMinutes(20), nbf: now.AddMinutes(10))));
            case "issued in the future":
                return (body, Signed(c => SetTimes(c, iat: now.AddMinutes(10), exp: now.AddMinutes(20), nbf: now)));
            case "too long-lived":
                return (body, Signed(c => SetTimes(c, iat: now.AddMinutes(-1), exp: now.AddHours(2))));
            case "alg none (empty signature segment)":
                return (body, Bearer(TestTokens.SignRaw(new JsonObject { ["alg"] = "none", ["kid"] = Kid(world.A) }, Claims(Prod), _ => [])));
            case "alg none with a signature segment":
                return (body, Bearer(TestTokens.SignRaw(new JsonObject { ["alg"] = "none", ["kid"] = Kid(world.A) }, Claims(Prod), _ => [1, 2, 3])));
            case "HS256 keyed with the public key bytes":
            {
                var secret = world.A.ExportSubjectPublicKeyInfo();
                return (body, Bearer(TestTokens.SignRaw(new JsonObject { ["alg"] = "HS256", ["kid"] = Kid(world.A) }, Claims(Prod), input => HMACSHA256.HashData(secret, input))));
            }

            case "ES256 claimed for the RSA kid":
                return (body, Bearer(TestTokens.Sign(world.Ec["P-256"], Claims(Prod), kid: Kid(world.A), alg: "ES256")));
            case "tampered payload":
                return (body, Bearer(TestTokens.Tampered(Token(world.A, Prod))));
            case "no kid":
                return (body, Bearer(TestTokens.SignRaw(new JsonObject { ["alg"] = "RS256" }, Claims(Prod), input => world.A.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))));
            case "no token":
                return (body, null);
            case "Basic credentials instead of a bearer token":
                return (body, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("agent:" + Token(world.A, Prod))));
            case "Bearer with nothing after it":
                return (body, "Bearer ");
            case "malformed token":
                return (body, Bearer("not-a-jwt"));
            case "token of three garbage segments":
                return (body, Bearer("a.b.c"));
            case "token header not JSON":
                return (body, Bearer($"{Base64Url.EncodeToString("not json"u8)}.{TestTokens.Encode(Claims(Prod))}.c2ln"));
            case "encrypted token (JWE)":
                return (body, Bearer($"{TestTokens.Encode(new JsonObject { ["alg"] = "RSA-OAEP", ["enc"] = "A256GCM" })}.a2V5.aXY.Y2lwaGVy.dGFn"));
            case "oversized body":
                return (new byte[PushProtocol.MaxBodyBytes + 1], Bearer(Token(world.A, Prod)));
            case "malformed body":
                return ("{\"version\":\"issuersync.push/v1\","u8.ToArray(), Bearer(Token(world.A, Prod)));
            case "body missing members":
                return (Encoding.UTF8.GetBytes($$"""{"version":"issuersync.push/v1","issuer":"{{Prod}}"}"""), Bearer(Token(world.A, Prod)));
            case "unknown version":
                return (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("issuersync.push/v1", "issuersync.push/v2", StringComparison.Ordinal)), Bearer(Token(world.A, Prod)));
            case "unknown source":
                return (Body(Prod, world.ProdKeys, source: "carrier-pigeon"), Bearer(Token(world.A, Prod)));
            case var member when member.StartsWith("private member ", StringComparison.Ordinal):
            {
                var jwks = ProdJwks();
                jwks["keys"]![0]![member["private member ".Length..]] = "c2VjcmV0";
                return (BodyWith(jwks.ToJsonString(), Prod), Bearer(Token(world.A, Prod)));
            }

            case "wrong kid":
            {
                var jwks = ProdJwks();
                jwks["keys"]![0]!["kid"] = "sha1-of-the-file";
                return (BodyWith(jwks.ToJsonString(), Prod), Bearer(Token(world.A, Prod)));
            }

            case "empty JWKS":
                return (BodyWith("{\"keys\":[]}", Prod), Bearer(Token(world.A, Prod)));
            case "RSA 1024 key":
            {
                using var small = TestKeys.Rsa(1024);
                var jwks = ProdJwks();
                jwks["keys"]!.AsArray().Add(new JsonObject
                {
                    ["use"] = "sig", ["kty"] = "RSA", ["kid"] = TestKeys.ExpectedKid(small), ["alg"] = "RS256",
                    ["n"] = Base64Url.EncodeToString(small.ExportParameters(false).Modulus), ["e"] = "AQAB",
                });
                return (BodyWith(jwks.ToJsonString(), Prod), Bearer(Token(world.A, Prod)));
            }

            case "not a JWKS":
                return (BodyWith("[1,2,3]", Prod), Bearer(Token(world.A, Prod)));
            case "stale bundle":
                return (Body(Prod, world.ProdKeys, now.AddDays(-1).AddMinutes(-1), PushProtocol.SourceBundle), Bearer(Token(world.A, Prod)));
            case "observed in the future":
                return (Body(Prod, world.ProdKeys, now.AddMinutes(10)), Bearer(Token(world.A, Prod)));
            case "older than the latest push":
                return (Body(Prod, world.ProdKeys, now.AddHours(-2)), Bearer(Token(world.A, Prod)));
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such forgery");
        }
    }

    private static void SetTimes(JsonObject claims, DateTimeOffset iat, DateTimeOffset exp, DateTimeOffset? nbf = null)
    {
        claims["iat"] = iat.ToUnixTimeSeconds();
        claims["exp"] = exp.ToUnixTimeSeconds();
        claims["nbf"] = (nbf ?? iat).ToUnixTimeSeconds();
    }
}
