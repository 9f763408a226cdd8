using IssuerSync.Core.Push;
using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;
using IssuerSync.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Trust;

public class PushVerifierTests
{
    [Fact]
    public async Task DecideAsync_PublishesANewKeyAtOnce_WhenSignedByATrustedKey()
    {
        var decision = await DecideAsync(Body(KeyA, KeyB), Token());

        Assert.Equal(200, decision.HttpStatus);
        Assert.Equal(
            $"{{\"status\":\"accepted\",\"changed\":true,\"published\":[{string.Join(",", new[] { Kid(KeyA), Kid(KeyB) }.Order(StringComparer.Ordinal).Select(k => $"\"{k}\""))}],\"pending\":[]}}",
            System.Text.Encoding.UTF8.GetString(decision.Response.ToJson()));
        Assert.Equal(KeyStatus.Active, decision.NewState!.Find(Kid(KeyB))!.Status);
        Assert.Equal(Kid(KeyA), decision.NewState.LatestSigningKid);
    }

    [Fact]
    public async Task DecideAsync_RecordsWhoPushed_InTheHistory()
    {
        var decision = await DecideAsync(Body(KeyA, KeyB), Token());

        var pushed = decision.NewState!.History.Single(h => h.Action == HistoryAction.Pushed);
        Assert.Equal(HistoryActor.ForPush(Kid(KeyA), Agent, Source), pushed.By);
        Assert.Equal(Now, pushed.At);
        var activated = decision.NewState.History.Single(h => h.Action == HistoryAction.Activated);
        Assert.Equal([Kid(KeyB)], activated.Kids);
    }

    [Fact]
    public async Task DecideAsync_ReportsUnchanged_WhenTheKeysAreTheSame()
    {
        var decision = await DecideAsync(Body(KeyA), Token());

        Assert.Equal(200, decision.HttpStatus);
        Assert.False(decision.Response.Changed);
        Assert.NotNull(decision.NewState); // the token binding is recorded
        Assert.Single(decision.NewState!.Tokens);
    }

    [Fact]
    public async Task DecideAsync_AcceptsATokenMintedByIdentityModel_WhenClaimsMatch()
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var key = new RsaSecurityKey(KeyA) { KeyId = Kid(KeyA) };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = PushProtocol.DefaultAudience,
            Claims = new Dictionary<string, object> { ["sub"] = Agent },
            IssuedAt = Now.UtcDateTime.AddSeconds(-5),
            NotBefore = Now.UtcDateTime.AddSeconds(-5),
            Expires = Now.UtcDateTime.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

        var decision = await DecideAsync(Body(KeyA), token);

        Assert.Equal(200, decision.HttpStatus);
        Assert.Equal("accepted", decision.Response.Status);
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("P-384")]
    [InlineData("P-521")]
    public async Task DecideAsync_Accepts_WhenSignedByATrustedEcKey(string curve)
    {
        var ec = TestKeys.Ec(curve);

        var decision = await DecideAsync(Body(ec), Token(ec), TrustedState(ec));

        Assert.Equal(200, decision.HttpStatus);
        Assert.Equal([Kid(ec)], decision.Response.Published);
    }

    [Fact]
    public async Task DecideAsync_Accepts_WhenSignedByARetainedKey()
    {
        var rotated = (await DecideAsync(Body(KeyB), Token())).NewState!;

        var decision = await DecideAsync(Body(KeyB), Token(KeyA), rotated, Now.AddMinutes(1));

        Assert.Equal(200, decision.HttpStatus);
        Assert.Equal(KeyStatus.Retained, decision.NewState!.Find(Kid(KeyA))!.Status);
    }

    [Fact]
    public async Task DecideAsync_KeepsKeysPending_OnFirstContact()
    {
        var decision = await DecideAsync(Body(KeyA, KeyB), Token(), IssuerState.New("prod", Issuer));

        Assert.Equal(202, decision.HttpStatus);
        Assert.Equal("pending", decision.Response.Status);
        Assert.Empty(decision.Response.Published);
        Assert.Equal(new[] { Kid(KeyA), Kid(KeyB) }.Order(StringComparer.Ordinal), decision.Response.Pending);
        Assert.Null(decision.NewState!.LatestSigningKid);
        Assert.Null(PublishedKeys.Of(decision.NewState));
    }

    [Fact]
    public async Task DecideAsync_RefusesFirstContact_WhenTheTokenIsNotSignedByAPushedKey()
    {
        var decision = await DecideAsync(Body(KeyB), Token(), IssuerState.New("prod", Issuer));

        Assert.Equal("token_key_untrusted", decision.Response.Error);
    }

    [Fact]
    public async Task DecideAsync_HoldsANewKeyForApproval_InHighAssuranceMode()
    {
        var registry = RegistrationValidator.Load([Prod with { RequireApprovalForNewKeys = true }]);
        var read = PushReader.Read(Body(KeyA, KeyB), Token(), Source, registry, Options, Now);

        var decision = await PushVerifier.DecideAsync(read.Candidate!, TrustedState(), Options, Now);

        Assert.Equal(202, decision.HttpStatus);
        Assert.Equal([Kid(KeyA)], decision.Response.Published);
        Assert.Equal([Kid(KeyB)], decision.Response.Pending);
    }

    [Fact]
    public void Candidate_NeverPrintsTheToken()
    {
        var token = Token();

        var read = PushReader.Read(Body(KeyA), token, Source, Registry, Options, Now);

        Assert.DoesNotContain(token.Split('.')[1], read.Candidate!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("push for issuer prod from 10.0.0.9 (token sha256 ", read.Candidate.ToString(), StringComparison.Ordinal);
    }
}
