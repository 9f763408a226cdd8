using IssuerSync.Core.Rotation.Check;

namespace IssuerSync.Core.Tests.Rotation.Check;

/// <summary>When the runbook's waits are over (docs/rotation.md steps 2 and 4), and what blocks a step whatever the time.</summary>
public class RotationCheckTests
{
    private const string Old = "old-kid";
    private const string New = "new-kid";
    private static readonly DateTimeOffset Published = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(300);

    [Fact]
    public void Switch_IsNotYet_UntilMaxAgeAndTheAgentIntervalHavePassedSinceThePublisherPublishedTheNewKey()
    {
        var result = RotationCheck.Decide(SwitchAt(Published.AddMinutes(9)));

        Assert.Equal(StepVerdict.NotYet, result.Verdict);
        Assert.Equal(Published.AddMinutes(10), result.SafeAt);
        Assert.Equal(TimeSpan.FromMinutes(1), result.TimeLeft);
        Assert.Equal(
            [
                "the published JWKS serves new-kid (served: new-kid, old-kid)",
                "the publisher has new-kid active and published since 2026-12-01T10:00:00Z",
                "a cloud or CDN may cache the JWKS for 5m (Cache-Control max-age)",
                "every cache holds a JWKS with new-kid from 2026-12-01T10:10:00Z on (published + max-age 5m + agent interval 5m)",
                "keep signing with the old key until then: safe at 2026-12-01T10:10:00Z, in 1m",
            ],
            result.Reasons);
    }

    [Fact]
    public void Switch_IsSafe_TheMomentMaxAgeAndTheAgentIntervalHavePassed()
    {
        var result = RotationCheck.Decide(SwitchAt(Published.AddMinutes(10)));

        Assert.Equal(StepVerdict.Safe, result.Verdict);
        Assert.True(result.IsSafe);
        Assert.Null(result.TimeLeft);
        Assert.Equal("switch the signing key to new-kid (step 3): safe since 2026-12-01T10:10:00Z", result.Reasons[^1]);
    }

    [Fact]
    public void Switch_WaitsAnHourOfCaching_WhenTheJwksHasNoMaxAge()
    {
        var early = RotationCheck.Decide(SwitchAt(Published.AddMinutes(64)) with { CacheMaxAge = null });
        var late = RotationCheck.Decide(SwitchAt(Published.AddMinutes(65)) with { CacheMaxAge = null });

        Assert.Equal(StepVerdict.NotYet, early.Verdict);
        Assert.Contains("the JWKS has no Cache-Control max-age, so caches pick their own lifetime: assuming 1h", early.Reasons);
        Assert.Equal(StepVerdict.Safe, late.Verdict);
    }

    [Fact]
    public void Switch_IsBlocked_WhateverTheTime_WhenTheJwksDoesNotServeTheNewKid()
    {
        var result = RotationCheck.Decide(SwitchAt(Published.AddDays(30)) with { ServedKids = [Old] });

        Assert.Equal(StepVerdict.Blocked, result.Verdict);
        Assert.Null(result.SafeAt);
        Assert.Equal(
            ["new-kid is not in the published JWKS (served: old-kid): add it to the keys the API server verifies with (step 1) and let the agent push; keep signing with the old key"],
            result.Reasons);
    }

    [Fact]
    public void Switch_IsBlocked_WhenTheDocumentsCannotBeRead()
    {
        var result = RotationCheck.Decide(SwitchAt(Published.AddDays(30)) with { ServedKids = null, ServedProblem = "DISCOVERY_NOT_FOUND: answered 404" });

        Assert.Equal(StepVerdict.Blocked, result.Verdict);
        Assert.Equal("the published documents could not be read: DISCOVERY_NOT_FOUND: answered 404; run issuersync verify for the details", Assert.Single(result.Reasons));
    }

    [Theory]
    [InlineData("pending", "the publisher has new-kid pending: approve it by fingerprint (issuersync status prints the issuersync approve line)")]
    [InlineData("retained", "the publisher has new-kid retained, not active: it will not stay published; add it to the keys the API server verifies with and let the agent push")]
    [InlineData("revoked", "the publisher has new-kid revoked, not active: it will not stay published; add it to the keys the API server verifies with and let the agent push")]
    [InlineData("dropped", "the publisher has new-kid dropped, not active: it will not stay published; add it to the keys the API server verifies with and let the agent push")]
    [InlineData(null, "the publisher does not know new-kid (the JWKS was written by someone else?): let the agent push it (step 1) so that the publisher keeps it published")]
    public void Switch_IsBlocked_WhateverTheTime_WhenThePublisherDoesNotHaveTheNewKeyActive(string? status, string expected)
    {
        var keys = status is null ? [Key(Old, "active")] : new[] { Key(Old, "active"), Key(New, status) };
        var result = RotationCheck.Decide(SwitchAt(Published.AddDays(30)) with { Publisher = Facts(Old, null, keys) });

        Assert.Equal(StepVerdict.Blocked, result.Verdict);
        Assert.Equal(expected, result.Reasons[^1]);
    }

    [Fact]
    public void Switch_CannotTell_WithoutThePublisher()
    {
        var result = RotationCheck.Decide(SwitchAt(Published.AddDays(30)) with { Publisher = null });

        Assert.Equal(StepVerdict.Unknown, result.Verdict);
        Assert.StartsWith("when new-kid was first published is not known without --publisher", result.Reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Switch_IsSafe_WhenTheNewKeyAlreadySigns()
    {
        var result = RotationCheck.Decide(SwitchAt(Published) with { Publisher = Facts(New, Published, Key(Old, "active"), Key(New, "active")) });

        Assert.Equal(StepVerdict.Safe, result.Verdict);
        Assert.Contains("the latest accepted push was already signed by new-kid", result.Reasons);
    }

    [Fact]
    public void Remove_IsNotYet_UntilTheLongestTokenLifetimeHasPassedSinceTheNewKeyStartedToSign()
    {
        var switched = Published.AddHours(1);
        var result = RotationCheck.Decide(RemoveAt(switched.AddHours(23), switched));

        Assert.Equal(StepVerdict.NotYet, result.Verdict);
        Assert.Equal(switched.AddHours(24), result.SafeAt);
        Assert.Equal(TimeSpan.FromHours(1), result.TimeLeft);
        Assert.Equal(
            [
                "the published JWKS serves new-kid (served: new-kid, old-kid)",
                "the pushes are signed by new-kid since 2026-12-01T11:00:00Z",
                "tokens old-kid signed live at most 1d: the last one expires by 2026-12-02T11:00:00Z",
                "keep old-kid among the keys the API server verifies with until then: safe at 2026-12-02T11:00:00Z, in 1h",
            ],
            result.Reasons);
    }

    [Fact]
    public void Remove_IsSafe_OnceTheLongestTokenLifetimeHasPassed_MeasuredWithTheGivenLifetime()
    {
        var switched = Published.AddHours(1);
        var result = RotationCheck.Decide(RemoveAt(switched.AddHours(2), switched) with { MaxTokenLifetime = TimeSpan.FromHours(2) });

        Assert.Equal(StepVerdict.Safe, result.Verdict);
        Assert.Equal("remove old-kid from the keys the API server verifies with (step 5): safe since 2026-12-01T13:00:00Z", result.Reasons[^1]);
    }

    [Fact]
    public void Remove_NotesThatTheOldKeyIsAlreadyGone_AndStillWaitsForItsTokens()
    {
        var switched = Published.AddHours(1);
        var result = RotationCheck.Decide(RemoveAt(switched.AddHours(1), switched) with
        {
            Publisher = Facts(New, switched, Key(New, "active"), Key(Old, "retained", switched.AddMinutes(30))),
        });

        Assert.Equal(StepVerdict.NotYet, result.Verdict);
        Assert.Contains("old-kid is already gone from the cluster's keys: the publisher has it retained since 2026-12-01T11:30:00Z", result.Reasons);
    }

    [Theory]
    [InlineData(Old, "the latest accepted push was signed by old-kid, not new-kid: switch the signing key first (step 3); the agent pushes with the new key at its next --resync, or at once when restarted")]
    [InlineData(null, "no accepted push is recorded as signed by new-kid: switch the signing key first (step 3) and let the agent push")]
    public void Remove_IsBlocked_WhateverTheTime_UntilTheNewKeySignsThePushes(string? signer, string expected)
    {
        var result = RotationCheck.Decide(RemoveAt(Published.AddDays(30), Published) with { Publisher = Facts(signer, Published, Key(Old, "active"), Key(New, "active")) });

        Assert.Equal(StepVerdict.Blocked, result.Verdict);
        Assert.Equal(expected, result.Reasons[^1]);
    }

    [Fact]
    public void Remove_IsBlocked_WhenTheNewKidIsNotServed()
    {
        var result = RotationCheck.Decide(RemoveAt(Published.AddDays(30), Published) with { ServedKids = [Old] });

        Assert.Equal(StepVerdict.Blocked, result.Verdict);
        Assert.Equal("new-kid is not in the published JWKS (served: old-kid): the clouds cannot verify its tokens: put it back among the published keys before removing any other", Assert.Single(result.Reasons));
    }

    public static TheoryData<string, RotationCheckInput> Unknowable => new()
    {
        { "which key is the old one is not known: pass --old-kid or --old-key", RemoveAt(Published.AddDays(30), Published) with { OldKid = null } },
        { "since when the cluster signs with new-kid is not known without --publisher: remove old-kid only once 1d (the longest token lifetime) have passed since the switch", RemoveAt(Published.AddDays(30), Published) with { Publisher = null } },
        { "the publisher does not say since when new-kid signs (its history holds no push signed by it): remove old-kid only once 1d have passed since the switch", RemoveAt(Published.AddDays(30), null) },
    };

    [Theory]
    [MemberData(nameof(Unknowable))]
    public void Remove_CannotTell_WhenAFactIsMissing(string expected, RotationCheckInput input)
    {
        var result = RotationCheck.Decide(input);

        Assert.Equal(StepVerdict.Unknown, result.Verdict);
        Assert.Equal(expected, result.Reasons[^1]);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1s")]
    [InlineData(59.2, "1m")]
    [InlineData(300, "5m")]
    [InlineData(3605, "1h 5s")]
    [InlineData(90061, "1d 1h 1m 1s")]
    public void Span_ReadsAsDaysHoursMinutesSeconds_RoundingUp(double seconds, string expected)
        => Assert.Equal(expected, RotationCheck.Span(TimeSpan.FromSeconds(seconds)));

    private static RotationCheckInput SwitchAt(DateTimeOffset now) => new()
    {
        Step = RotationStep.Switch,
        NewKid = New,
        OldKid = Old,
        Now = now,
        ServedKids = [New, Old],
        CacheMaxAge = MaxAge,
        Publisher = Facts(Old, Published.AddDays(-100), Key(Old, "active", Published.AddDays(-100)), Key(New, "active")),
    };

    private static RotationCheckInput RemoveAt(DateTimeOffset now, DateTimeOffset? switched) => new()
    {
        Step = RotationStep.Remove,
        NewKid = New,
        OldKid = Old,
        Now = now,
        ServedKids = [New, Old],
        CacheMaxAge = MaxAge,
        Publisher = Facts(New, switched, Key(Old, "active", Published.AddDays(-100)), Key(New, "active")),
    };

    private static PublisherFacts Facts(string? signer, DateTimeOffset? since, params PublisherKeyFacts[] keys)
        => new() { Keys = keys, LatestSigningKid = signer, LatestSigningSince = since };

    private static PublisherKeyFacts Key(string kid, string status, DateTimeOffset? changedAt = null) => new(kid, status, changedAt ?? Published);
}
