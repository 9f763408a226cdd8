using System.Text.Json.Nodes;
using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>
/// The time rules of a push token exactly at their edges (skew 2 minutes, prod's MaxTokenLifetime
/// 1 hour), the replay binding's lifetime, and times at the ends of the calendar.
/// </summary>
public class TokenClaimBoundaryTests
{
    private static readonly TimeSpan Skew = Options.ClockSkew;

    public static TheoryData<string, long, long, long?, string?> Edges => new()
    {
        // name, iat, exp, nbf (seconds from now; null = absent), expected error
        { "exp exactly skew ago", -600, -120, -600, "token_expired" },
        { "exp one second less than skew ago", -600, -119, -600, null },
        { "nbf exactly skew ahead", 0, 600, 120, null },
        { "nbf one second more than skew ahead", 0, 600, 121, "token_not_yet_valid" },
        { "iat exactly skew ahead", 120, 600, null, null },
        { "iat one second more than skew ahead", 121, 600, null, "token_issued_in_future" },
        { "lifetime exactly the maximum", -10, 3590, -10, null },
        { "lifetime one second over the maximum", -10, 3591, -10, "token_lifetime_too_long" },
        { "lifetime measured from nbf when nbf is after iat", -1800, 3540, -60, null },
        { "lifetime over the maximum from nbf when nbf is after iat", -1800, 3541, -60, "token_lifetime_too_long" },
        { "lifetime measured from iat when iat is after nbf", -60, 3540, -1800, null },
        { "lifetime over the maximum from iat when iat is after nbf", -60, 3541, -1800, "token_lifetime_too_long" },
        { "no nbf, lifetime from iat", -10, 3590, null, null },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task DecideAsync_AppliesTheTimeRules_ExactlyAtTheirEdges(string name, long iat, long exp, long? nbf, string? error)
    {
        _ = name;
        var token = Token(edit: c => Times(c, iat, exp, nbf));

        var decision = await DecideAsync(Body(KeyA), token);

        Assert.Equal(error, decision.Response.Error);
        Assert.Equal(error is null, decision.NewState is not null);
    }

    [Fact]
    public async Task DecideAsync_BindsTheTokenUntilExpPlusSkew()
    {
        var token = Token(edit: c => Times(c, -10, 600, -10));

        var decision = await DecideAsync(Body(KeyA), token);

        Assert.Equal(Now.AddSeconds(600) + Skew, Assert.Single(decision.NewState!.Tokens).ExpiresAt);
    }

    [Fact]
    public async Task DecideAsync_RefusesReplay_UntilTheLastSecondTheTokenIsAccepted()
    {
        var token = Token(edit: c => Times(c, -10, 600, -10));
        var first = await DecideAsync(Body(KeyA), token);
        var lastSecond = Now.AddSeconds(600) + Skew - TimeSpan.FromSeconds(1);

        var replay = await DecideAsync(BodyWith(Jwks(KeyA, KeyB), observedAt: lastSecond), token, first.NewState, lastSecond);
        var after = await DecideAsync(BodyWith(Jwks(KeyA, KeyB), observedAt: lastSecond), token, first.NewState, lastSecond.AddSeconds(1));

        Assert.Equal("token_replayed", replay.Response.Error);
        Assert.Equal("token_expired", after.Response.Error);
    }

    public static TheoryData<string, string> EndsOfTime => new()
    {
        { "exp in year 9999", "token_lifetime_too_long" },
        { "exp in year 9999 on first contact", "token_lifetime_too_long" },
        { "iat in year 9999", "token_issued_in_future" },
        { "nbf in year 9999", "token_not_yet_valid" },
        { "exp past year 9999", "token_expiry_missing" },
        { "negative exp", "token_expiry_missing" },
        { "exp at the epoch", "token_expired" },
        { "exp as a string", "token_malformed" },
        { "observedAt in year 9999", "observed_in_future" },
        { "bundle observed in year 1", "bundle_stale" },
        { "live push observed in year 1", "push_out_of_order" },
    };

    [Theory]
    [MemberData(nameof(EndsOfTime))]
    public async Task DecideAsync_RefusesCleanly_WhenTimesAreAtTheEndsOfTheCalendar(string name, string error)
    {
        const long Year9999 = 253402300799;
        var body = Body(KeyA);
        var state = TrustedState();
        string token;
        switch (name)
        {
            case "exp in year 9999":
                token = Token(edit: c => c["exp"] = Year9999);
                break;
            case "exp in year 9999 on first contact":
                token = Token(edit: c => c["exp"] = Year9999);
                state = IssuerState.New("prod", Issuer);
                break;
            case "iat in year 9999":
                token = Token(edit: c => { c["iat"] = Year9999; c["exp"] = Year9999; c.Remove("nbf"); });
                break;
            case "nbf in year 9999":
                token = Token(edit: c => { c["nbf"] = Year9999; c["exp"] = Year9999; });
                break;
            case "exp past year 9999":
                token = Token(edit: c => c["exp"] = Year9999 + 1);
                break;
            case "negative exp":
                token = Token(edit: c => c["exp"] = -1);
                break;
            case "exp at the epoch":
                token = Token(edit: c => c["exp"] = 0);
                break;
            case "exp as a string":
                token = Token(edit: c => c["exp"] = "soon");
                break;
            case "observedAt in year 9999":
                token = Token();
                body = BodyWith(Jwks(KeyA), observedAt: DateTimeOffset.MaxValue);
                break;
            case "bundle observed in year 1":
                token = Token();
                body = BodyWith(Jwks(KeyA), source: PushProtocol.SourceBundle, observedAt: DateTimeOffset.MinValue);
                break;
            default:
                token = Token();
                body = BodyWith(Jwks(KeyA), observedAt: DateTimeOffset.MinValue);
                break;
        }

        var decision = await DecideAsync(body, token, state);

        Assert.Equal(error, decision.Response.Error);
        Assert.Null(decision.NewState);
    }

    private static void Times(JsonObject claims, long iat, long exp, long? nbf)
    {
        claims["iat"] = Now.AddSeconds(iat).ToUnixTimeSeconds();
        claims["exp"] = Now.AddSeconds(exp).ToUnixTimeSeconds();
        if (nbf is { } n)
        {
            claims["nbf"] = Now.AddSeconds(n).ToUnixTimeSeconds();
        }
        else
        {
            claims.Remove("nbf");
        }
    }
}
