using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;
using IssuerSync.Testing;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>
/// The verifier's refusals word for word: why a kid is not trusted (pending, revoked, dropped, not
/// the issuer's), which kids are, and every claim rule with the values it compared.
/// </summary>
public class PushVerifierMessageTests
{
    private static readonly ECDsa Stranger = TestKeys.Ec();

    public static TheoryData<string, string> UntrustedKids => new()
    {
        { "pending", "it is pending an operator's approval" },
        { "revoked", "it was revoked by an operator" },
        { "dropped", "it was dropped after its retention window" },
        { "unknown", "it is not a key of this issuer" },
        { "only in this push", "it appears only in this push, and a push cannot vouch for itself" },
    };

    [Theory]
    [MemberData(nameof(UntrustedKids))]
    public async Task DecideAsync_SaysWhyTheKidIsNotTrusted_AndListsTheTrustedKids(string status, string why)
    {
        var trusted = TrustedState(KeyA, KeyC);
        var state = status switch
        {
            "pending" or "revoked" or "dropped" => trusted with
            {
                Keys = [.. trusted.Keys, KeyRecord.Create(Key(KeyB), Enum.Parse<KeyStatus>(status, ignoreCase: true), Now.AddDays(-1))],
            },
            _ => trusted,
        };
        state = state with { Keys = state.Keys.OrderBy(k => k.Kid, StringComparer.Ordinal).ToArray() };
        var body = status == "only in this push" ? Body(KeyA, KeyB) : Body(KeyA);

        var decision = await DecideAsync(body, Token(KeyB), state);

        var kids = string.Join(", ", new[] { Kid(KeyA), Kid(KeyC) }.Order(StringComparer.Ordinal));
        Assert.Equal(401, decision.HttpStatus);
        Assert.Equal(PushRefusalCodes.TokenKeyUntrusted, decision.Response.Error);
        Assert.Equal(
            $"the token is signed by kid {Kid(KeyB)}, which issuer {Issuer} does not trust ({why}): trusted kids are {kids}; if the cluster switched to a key it never pushed while signing with a trusted one, sign with the previous key again, push the new key with it, then switch (docs/rotation.md); if every old key is lost, remove the issuer's state document to enrol it again",
            decision.Response.Message);
    }

    public static TheoryData<string, string, string> Claims => new()
    {
        // name, code, message ({now} {exp} {iat} {nbf} are filled in by the test)
        { "no sub", "token_subject_invalid", $"the token's sub '(none)' is not the agent registered for issuer prod ('{Agent}'): run the agent under that service account, or fix the registration" },
        { "wrong sub", "token_subject_invalid", $"the token's sub 'system:serviceaccount:default:default' is not the agent registered for issuer prod ('{Agent}'): run the agent under that service account, or fix the registration" },
        { "two wrong audiences", "token_audience_invalid", "the token's aud [https://kubernetes.default.svc, api] does not contain 'issuersync': request the agent's token for that audience" },
        { "no aud", "token_audience_invalid", "the token's aud [] does not contain 'issuersync': request the agent's token for that audience" },
        { "no exp", "token_expiry_missing", "the token has no exp: only short-lived tokens are accepted; request one with TokenRequest (expirationSeconds)" },
        { "no iat", "token_issued_at_missing", "the token has no iat, so its lifetime cannot be checked: request the token with TokenRequest" },
        { "expired", "token_expired", "the token expired at {exp} (now {now}): request a fresh token for every push" },
        { "not yet valid", "token_not_yet_valid", "the token is not valid before {nbf} (now {now}): check the clocks of the cluster and the publisher" },
        { "issued in the future", "token_issued_in_future", "the token was issued at {iat}, after now ({now}): check the clocks of the cluster and the publisher" },
        { "too long-lived", "token_lifetime_too_long", "the token lives 01:30:00, longer than the 01:00:00 issuer prod accepts: request a shorter token (TokenRequest expirationSeconds; `agent export --token-expiration`), or raise the issuer's MaxTokenLifetime on the publisher (IssuerSync__Issuers__N__MaxTokenLifetime for the issuer with Id prod, written days.hours:minutes:seconds, e.g. 1.00:00:00 for 24 hours; at most 2.00:00:00)" },
    };

    [Theory]
    [MemberData(nameof(Claims))]
    public async Task DecideAsync_NamesTheClaimAndTheValuesItCompared(string name, string code, string message)
    {
        var (iat, exp, nbf) = name switch
        {
            "expired" => (Now.AddMinutes(-20), Now.AddMinutes(-3), Now.AddMinutes(-20)),
            "not yet valid" => (Now, Now.AddMinutes(20), Now.AddMinutes(10)),
            "issued in the future" => (Now.AddMinutes(10), Now.AddMinutes(20), Now),
            "too long-lived" => (Now.AddMinutes(-10), Now.AddMinutes(80), Now.AddMinutes(-10)),
            _ => (Now.AddSeconds(-10), Now.AddMinutes(10), Now.AddSeconds(-10)),
        };
        var token = Token(edit: c =>
        {
            c["iat"] = iat.ToUnixTimeSeconds();
            c["exp"] = exp.ToUnixTimeSeconds();
            c["nbf"] = nbf.ToUnixTimeSeconds();
            switch (name)
            {
                case "no sub": c.Remove("sub"); break;
                case "wrong sub": c["sub"] = "system:serviceaccount:default:default"; break;
                case "two wrong audiences": c["aud"] = new JsonArray("https://kubernetes.default.svc", "api"); break;
                case "no aud": c.Remove("aud"); break;
                case "no exp": c.Remove("exp"); break;
                case "no iat": c.Remove("iat"); break;
            }
        });

        var decision = await DecideAsync(Body(KeyA), token);

        Assert.Equal(code, decision.Response.Error);
        Assert.Equal(code is "token_subject_invalid" ? 403 : 401, decision.HttpStatus);
        Assert.Equal(
            message.Replace("{now}", $"{Now:O}", StringComparison.Ordinal).Replace("{exp}", $"{exp:O}", StringComparison.Ordinal)
                .Replace("{iat}", $"{iat:O}", StringComparison.Ordinal).Replace("{nbf}", $"{nbf:O}", StringComparison.Ordinal),
            decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_AcceptsATokenWithOneOfSeveralAudiences_BeingOurs()
    {
        var decision = await DecideAsync(Body(KeyA), Token(edit: c => c["aud"] = new JsonArray("api", "issuersync")));

        Assert.Equal(200, decision.HttpStatus);
    }

    [Fact]
    public async Task DecideAsync_NamesTheKidAndIssuer_WhenTheSignatureDoesNotVerify()
    {
        var forged = TestTokens.Sign(TestKeys.Rsa(), PushWorld.Claims(), kid: Kid(KeyA));

        var decision = await DecideAsync(Body(KeyA), forged);

        Assert.Equal(
            $"the token's signature does not verify with kid {Kid(KeyA)} of issuer {Issuer}: the token was forged or altered; send the token the cluster minted, unchanged",
            decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_NamesTheKeysAlgorithm_WhenTheTokenClaimsAnother()
    {
        var decision = await DecideAsync(Body(KeyA), TestTokens.Sign(KeyB, PushWorld.Claims(), kid: Kid(KeyA), alg: "ES256"));

        Assert.Equal(
            $"the token's alg 'ES256' does not match kid {Kid(KeyA)} (RSA 2048 signs with RS256): send the token the cluster signed",
            decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_SaysTheKidMustBeAmongThePushedKeys_OnFirstContact()
    {
        var decision = await DecideAsync(Body(KeyB), Token(KeyA), IssuerState.New("prod", Issuer));

        Assert.Equal(401, decision.HttpStatus);
        Assert.Equal(
            $"issuer {Issuer} has no approved key yet and the token's kid {Kid(KeyA)} is not among the pushed keys: push the JWKS of the cluster that signed the token",
            decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_SaysKubernetesNamesTheKey_WhenTheTokenHasNoKid()
    {
        var token = TestTokens.SignRaw(new JsonObject { ["alg"] = "RS256" }, PushWorld.Claims(), input => KeyA.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var decision = await DecideAsync(Body(KeyA), token);

        Assert.Equal("the token's header has no kid: Kubernetes names the signing key in every token; send the token the cluster minted", decision.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_Throws_WhenAnArgumentIsNull_OrTheCallIsCancelled()
    {
        var candidate = PushReader.Read(Body(KeyA), Token(), Source, Registry, Options, Now).Candidate!;
        var state = TrustedState();

        Assert.Equal("candidate", (await Assert.ThrowsAsync<ArgumentNullException>(() => PushVerifier.DecideAsync(null!, state, Options, Now))).ParamName);
        Assert.Equal("state", (await Assert.ThrowsAsync<ArgumentNullException>(() => PushVerifier.DecideAsync(candidate, null!, Options, Now))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentNullException>(() => PushVerifier.DecideAsync(candidate, state, null!, Now))).ParamName);
        await Assert.ThrowsAsync<OperationCanceledException>(() => PushVerifier.DecideAsync(candidate, state, Options, Now, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task DecideAsync_SaysUnchanged_WhenOnlyTheSigningKidMoves()
    {
        // The history records the new signer, but the keys a cloud sees are the same: "changed" is about keys.
        var decision = await DecideAsync(Body(KeyA, KeyB), Token(KeyB), TrustedState(KeyA, KeyB));

        Assert.Equal(200, decision.HttpStatus);
        Assert.False(decision.Response.Changed);
        Assert.Equal(Kid(KeyB), decision.NewState!.LatestSigningKid);
        Assert.Equal(HistoryAction.Pushed, Assert.Single(decision.NewState.History).Action);
    }

    [Fact]
    public async Task DecideAsync_RefusesAnUnboundToken_ThatExpiresExactlyWhenTheForgottenOnesDo()
    {
        // A binding forgotten early may have been this very token's: its expiry (exp + skew) is at the mark.
        var token = Token();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(TestTokens.DecodePayload(token)["exp"]!.GetValue<long>()) + Options.ClockSkew;

        var atMark = await DecideAsync(Body(KeyA), token, TrustedState() with { ForgottenTokensExpireBy = expiresAt });
        var afterMark = await DecideAsync(Body(KeyA), token, TrustedState() with { ForgottenTokensExpireBy = expiresAt.AddSeconds(-1) });

        Assert.Equal(PushRefusalCodes.TokenReplayed, atMark.Response.Error);
        Assert.Equal(409, atMark.HttpStatus);
        Assert.Equal(
            $"this token expires by {expiresAt:O}, and the bindings of such tokens were forgotten early (more pushes than the publisher remembers within a token lifetime), so it may have been used already: request a fresh token for every push",
            atMark.Response.Message);
        Assert.Equal(200, afterMark.HttpStatus);
    }

    [Fact]
    public async Task Decision_IsRefused_OnlyWhenItCarriesAnError()
    {
        var accepted = await DecideAsync(Body(KeyA), Token());
        var refused = await DecideAsync(Body(KeyA), Token(Stranger));

        Assert.False(accepted.Refused);
        Assert.True(refused.Refused);
    }
}
