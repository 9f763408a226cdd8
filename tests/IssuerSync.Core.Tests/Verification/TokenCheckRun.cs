using System.Security.Cryptography;
using System.Text;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Verification;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Verification;

/// <summary>How the token-check tests run <see cref="TokenChecks"/>: one issuer, one instant, keys published from test key pairs.</summary>
internal static class TokenCheckRun
{
    public const string Issuer = "https://oidc.example.com/c1";
    public const string Audience = "sts.amazonaws.com";
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static Task<TokenCheckResult> CheckAsync(string token, IReadOnlyList<PublishedKey> keys, string? audience)
        => TokenChecks.CheckAsync(token, new TokenCheckOptions
        {
            Issuer = IssuerUrl.Parse(Issuer),
            Keys = keys,
            Audience = audience,
            TimeProvider = new FixedTime(Now),
        });

    /// <summary><paramref name="key"/>'s public half as a JWKS would publish it, under <paramref name="kid"/> (default: its Kubernetes kid).</summary>
    public static PublishedKey Published(AsymmetricAlgorithm key, string? kid = null)
        => new(kid ?? TestKeys.ExpectedKid(key), Assert.Single(KeyFileParser.Parse(Encoding.ASCII.GetBytes(TestKeys.PublicPem(key)), "test")));
}
