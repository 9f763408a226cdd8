using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Trust;
using IssuerSync.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>
/// TokenSignature judges the signature with one key and its alg, nothing else: a token without exp, aud or iss, or long expired, still
/// verifies; a kid other than the key's, another key or another alg does not.
/// </summary>
public sealed class TokenSignatureTests : IDisposable
{
    private static readonly DateTimeOffset Issued = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly RSA _rsa = TestKeys.Rsa();
    private readonly ECDsa _ec = TestKeys.Ec("P-256");

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    [Theory]
    [InlineData("rsa", null)]
    [InlineData("ec", null)]
    [InlineData("rsa", "exp")]
    [InlineData("rsa", "aud")]
    [InlineData("rsa", "iss")]
    [InlineData("rsa", "iat")]
    [InlineData("ec", "exp")]
    public async Task VerifiesAsync_IsTrue_WhenTheKeySignedWhateverTheClaims(string keyName, string? removed)
    {
        AsymmetricAlgorithm key = keyName == "rsa" ? _rsa : _ec;
        var claims = TestTokens.Claims("https://oidc.example.com/c1", TestTokens.Subject, "sts.amazonaws.com", Issued);
        if (removed is not null)
        {
            claims.Remove(removed);
        }

        Assert.True(await Verifies(TestTokens.Sign(key, claims), key));
    }

    [Fact]
    public async Task VerifiesAsync_IsTrueEveryTime_WhenTheSameKeyIsUsedAgain()
    {
        var token = TestTokens.Sign(_rsa, Claims());
        var key = Parsed(_rsa);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await TokenSignature.VerifiesAsync(new JsonWebToken(token), key));
        }
    }

    [Theory]
    [InlineData("another kid")]
    [InlineData("another key")]
    [InlineData("another alg")]
    [InlineData("tampered")]
    public async Task VerifiesAsync_IsFalse_WhenTheSignatureIsNotTheKeys(string change)
    {
        using var other = TestKeys.Rsa();
        var token = change switch
        {
            "another kid" => TestTokens.Sign(_rsa, Claims(), kid: "not-the-keys-kid"),
            "another key" => TestTokens.Sign(other, Claims(), kid: TestKeys.ExpectedKid(_rsa)),
            "another alg" => TestTokens.Sign(_rsa, Claims(), alg: "RS384"),
            _ => TestTokens.Tampered(TestTokens.Sign(_rsa, Claims())),
        };

        Assert.False(await Verifies(token, _rsa));
    }

    [Fact]
    public async Task VerifiesAsync_IsTrue_WhenTheTokenNamesTheKidTheKeyIsPublishedUnder()
    {
        var token = TestTokens.Sign(_rsa, Claims(), kid: "external-signer-1");

        Assert.True(await TokenSignature.VerifiesAsync(new JsonWebToken(token), Parsed(_rsa), "external-signer-1"));
        Assert.False(await TokenSignature.VerifiesAsync(new JsonWebToken(token), Parsed(_rsa), "external-signer-2"));
    }

    [Fact]
    public async Task VerifiesAsync_IsFalse_WhenTheTokenIsUnsigned()
    {
        var token = TestTokens.SignRaw(new JsonObject { ["alg"] = "none", ["kid"] = TestKeys.ExpectedKid(_rsa) }, Claims(), _ => []);

        Assert.False(await Verifies(token, _rsa));
    }

    private static JsonObject Claims() => TestTokens.Claims("https://oidc.example.com/c1", TestTokens.Subject, "sts.amazonaws.com", Issued);

    private static Task<bool> Verifies(string token, AsymmetricAlgorithm key) => TokenSignature.VerifiesAsync(new JsonWebToken(token), Parsed(key));

    private static ServiceAccountKey Parsed(AsymmetricAlgorithm key)
        => Assert.Single(KeyFileParser.Parse(Encoding.ASCII.GetBytes(TestKeys.PublicPem(key)), "test"));
}
