using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Push;
using IssuerSync.Core.Trust;
using IssuerSync.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>Bundles on both sides of their age rule, every private JWK member in both readers, and the signature requirement pinned in the verifier.</summary>
public class PushReaderRulesTests
{
    [Theory]
    [InlineData(PushProtocol.SourceBundle, 11 * 3600, 200, null)]
    [InlineData(PushProtocol.SourceBundle, 12 * 3600, 200, null)]
    [InlineData(PushProtocol.SourceBundle, (12 * 3600) + 1, 400, "bundle_stale")]
    [InlineData(PushProtocol.SourceLive, 13 * 3600, 200, null)]
    public async Task DecideAsync_AppliesTheBundleAgeToBundlesOnly(string source, int ageSeconds, int status, string? error)
    {
        var state = TrustedState() with { LastObservedAt = null };

        var decision = await DecideAsync(BodyWith(Jwks(KeyA), source: source, observedAt: Now.AddSeconds(-ageSeconds)), Token(), state);

        Assert.Equal(status, decision.HttpStatus);
        Assert.Equal(error, decision.Response.Error);
    }

    public static TheoryData<string> PrivateMembers => ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    [Theory]
    [MemberData(nameof(PrivateMembers))]
    public async Task DecideAsync_RefusesAPushedKey_WithAnyPrivateMember(string member)
    {
        var jwks = JsonNode.Parse(Jwks(KeyA))!;
        jwks["keys"]![0]![member] = "c2VjcmV0";

        var decision = await DecideAsync(BodyWith(jwks.ToJsonString()), Token());

        Assert.Equal("jwks_private_key", decision.Response.Error);
        Assert.Contains($"key 1 (kid {Kid(KeyA)}) has '{member}'", decision.Response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PrivateMembers))]
    public void JwksParser_RefusesAKey_WithAnyPrivateMember(string member)
    {
        var jwks = JsonNode.Parse(Jwks(KeyA))!;
        jwks["keys"]![0]![member] = "c2VjcmV0";

        var result = JwksParser.Parse(Encoding.UTF8.GetBytes(jwks.ToJsonString()));

        Assert.False(result.IsValid);
        Assert.Empty(result.Keys);
        Assert.Equal($"key 1 (kid {Kid(KeyA)}): has the private member '{member}': a published JWKS must hold public keys only; this key is compromised, rotate it", Assert.Single(result.Problems));
    }

    [Fact]
    public async Task DecideAsync_RefusesAnUnsignedToken_EvenWhenItGetsPastTheReader()
    {
        var claims = Claims();
        var unsigned = $"{TestTokens.Encode(new JsonObject { ["alg"] = "RS256", ["kid"] = Kid(KeyA) })}.{TestTokens.Encode(claims)}.";
        var body = Body(KeyA);
        var read = PushReader.Read(body, Token(), Source, Registry, Options, Now).Candidate!;

        var decision = await PushVerifier.DecideAsync(read with { UnverifiedToken = new JsonWebToken(unsigned) }, TrustedState(), Options, Now);

        Assert.Equal("token_signature_invalid", decision.Response.Error);
        Assert.Null(decision.NewState);
    }
}
