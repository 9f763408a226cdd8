using System.Buffers.Text;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;
using static IssuerSync.Testing.TokenReEncodings;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>
/// A used token, re-encoded so its string differs but its signature may still verify, pushed with
/// another body after the original push: always refused, and nothing is written.
/// </summary>
public class ReplayBindingTests
{
    public static TheoryData<string, string> RsaReEncodings => new()
    {
        { "the original token", "token_replayed" },
        { "signature padded with '=='", "token_malformed" },
        { "signature padded with '='", "token_malformed" },
        { "signature with non-zero trailing bits", "token_malformed" },
        { "signature in the standard base64 alphabet", "token_malformed" },
        { "payload with non-zero trailing bits", "token_malformed" },
        { "payload padded", "token_malformed" },
        { "header padded", "token_malformed" },
        { "newline inside the signature", "token_malformed" },
        { "space inside the payload", "token_malformed" },
        { "trailing newline", "token_malformed" },
        { "leading space", "token_malformed" },
        { "tab at the end", "token_malformed" },
        { "a fourth, empty segment", "token_malformed" },
        { "a fourth segment", "token_malformed" },
        { "an empty signature segment", "token_signature_invalid" },
        { "an empty header segment", "token_malformed" },
        { "JWS JSON serialization (flattened)", "token_malformed" },
        { "JWS JSON serialization (general)", "token_malformed" },
        { "a segment one character too long", "token_malformed" },
        { "a non-ASCII character", "token_malformed" },
        { "signature with a zero byte prepended", "token_signature_invalid" },
        { "header re-serialized with spaces, same signature", "token_signature_invalid" },
    };

    public static TheoryData<string> Curves => ["P-256", "P-384", "P-521"];

    [Theory]
    [MemberData(nameof(RsaReEncodings))]
    public async Task DecideAsync_RefusesAUsedRsaToken_WhenReEncodedAndPushedWithAnotherBody(string name, string code)
    {
        var (token, state) = await UsedToken(KeyA);

        var replay = await DecideAsync(Body(KeyA, KeyB), ReEncode(token, name), state, Now.AddSeconds(1));

        Assert.Equal(code, replay.Response.Error);
        Assert.Null(replay.NewState);
        Assert.Null(state.Find(Kid(KeyB)));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public async Task DecideAsync_RefusesTheTwinSignature_WhenAUsedEcTokenComesWithAnotherBody(string curve)
    {
        var ec = TestKeys.Ec(curve);
        var (token, state) = await UsedToken(ec);
        var twin = Twin(token, ec);

        // The twin is a different string and a valid signature of the same header.payload.
        Assert.NotEqual(token, twin);
        Assert.True(ec.VerifyData(Encoding.ASCII.GetBytes(SigningInput(twin)), Signature(twin), HashOf(ec)));

        var replay = await DecideAsync(Body(ec, KeyB), twin, state, Now.AddSeconds(1));

        Assert.Equal("token_replayed", replay.Response.Error);
        Assert.Equal(409, replay.HttpStatus);
        Assert.Null(replay.NewState);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public async Task DecideAsync_AnswersTheTwinSignatureAsAnIdempotentRepush_WhenTheBodyIsTheSame(string curve)
    {
        var ec = TestKeys.Ec(curve);
        var (token, state) = await UsedToken(ec);

        var again = await DecideAsync(Body(ec), Twin(token, ec), state, Now.AddSeconds(1));

        Assert.Equal(200, again.HttpStatus);
        Assert.False(again.Response.Changed);
        Assert.Null(again.NewState);
    }

    [Theory]
    [InlineData("P-256", "signature padded with '=='", "token_malformed")]
    [InlineData("P-256", "signature with non-zero trailing bits", "token_malformed")]
    [InlineData("P-384", "signature padded with '='", "token_malformed")]
    [InlineData("P-521", "signature in the standard base64 alphabet", "token_malformed")]
    [InlineData("P-256", "a fourth segment", "token_malformed")]
    [InlineData("P-384", "JWS JSON serialization (flattened)", "token_malformed")]
    [InlineData("P-256", "signature with a zero byte prepended", "token_signature_invalid")]
    [InlineData("P-256", "DER-encoded signature", "token_signature_invalid")]
    [InlineData("P-521", "trailing newline", "token_malformed")]
    public async Task DecideAsync_RefusesAUsedEcToken_WhenReEncodedAndPushedWithAnotherBody(string curve, string name, string code)
    {
        var ec = TestKeys.Ec(curve);
        var (token, state) = await UsedToken(ec);

        var replay = await DecideAsync(Body(ec, KeyB), ReEncode(token, name, ec), state, Now.AddSeconds(1));

        Assert.Equal(code, replay.Response.Error);
        Assert.Null(replay.NewState);
    }

    [Fact]
    public async Task DecideAsync_NamesTheSegment_WhenTheTokenIsNotCanonical()
    {
        var (token, state) = await UsedToken(KeyA);

        var replay = await DecideAsync(Body(KeyA, KeyB), token + "==", state);

        Assert.Equal(
            "the bearer token is not a canonical compact JWT: its signature segment is padded with '=' (base64url in a JWT has no padding); send the service-account token the cluster minted, unchanged",
            replay.Response.Message);
    }

    [Fact]
    public async Task DecideAsync_KeepsBindingsOfOtherTokens_WhenAPushBindsANewOne()
    {
        var (first, state) = await UsedToken(KeyA);
        var second = await DecideAsync(Body(KeyA), Token(), state, Now.AddSeconds(1));
        Assert.Equal(2, second.NewState!.Tokens.Count);

        var replay = await DecideAsync(Body(KeyA, KeyB), first, second.NewState, Now.AddSeconds(2));

        Assert.Equal("token_replayed", replay.Response.Error);
    }

    /// <summary>A token of <paramref name="key"/> whose payload and signature both leave trailing bits, accepted once with the body of <paramref name="key"/> alone.</summary>
    private static async Task<(string Token, IssuerState State)> UsedToken(AsymmetricAlgorithm key)
    {
        for (var pad = 0; ; pad++)
        {
            var claims = Claims();
            claims["pad"] = new string('x', pad);
            var token = TestTokens.Sign(key, claims);
            var parts = token.Split('.');
            if (parts[1].Length % 4 != 2 || !(parts[2].Contains('-') || parts[2].Contains('_')))
            {
                continue;
            }

            var first = await DecideAsync(Body(key), token, TrustedState(key));
            Assert.Equal(200, first.HttpStatus);
            return (token, first.NewState!);
        }
    }
}
