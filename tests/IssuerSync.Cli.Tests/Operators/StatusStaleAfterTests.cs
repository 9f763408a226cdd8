using System.Text.Json.Nodes;
using IssuerSync.Cli.Commands;
using IssuerSync.Cli.Operators;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Cli.Tests.Operators;

/// <summary><c>status --stale-after</c>: the operator's threshold replaces the publisher's, in the table and in the JSON.</summary>
public sealed class StatusStaleAfterTests : OperatorTest
{
    [Fact]
    public async Task Status_MarksTheIssuerStale_WhenItsAgentIsSilentLongerThanStaleAfter_ThoughThePublisherSaysNot()
    {
        Publisher["factory-1"].LastPushAt = FakeOperatorApi.Now.AddMinutes(-11);

        var table = await StatusAsync(TimeSpan.FromMinutes(10), ReportFormat.Table);
        var json = await StatusAsync(TimeSpan.FromMinutes(10), ReportFormat.Json);

        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"factory-1  https://oidcfactory1.blob.core.windows.net/oidc  STALE", table.Stdout);
        Assert.Contains("STALE: no push for longer than 10m: the agent is down or its pushes are refused (check its logs)", table.Stdout, StringComparison.Ordinal);
        var answer = JsonNode.Parse(json.Stdout)!;
        Assert.Equal((true, "00:10:00"), ((bool)answer["stale"]!, (string?)answer["staleAfter"]));
        Assert.Equal("2026-12-01T09:49:00+00:00", (string?)answer["lastPushAt"]);
    }

    [Fact]
    public async Task Status_IsNotStale_WhenTheLastPushIsWithinStaleAfter_ThoughThePublisherSaysStale()
    {
        Publisher["factory-1"].LastPushAt = FakeOperatorApi.Now.AddMinutes(-10);
        Publisher["factory-1"].Stale = true;

        var table = await StatusAsync(TimeSpan.FromMinutes(10), ReportFormat.Table);
        var json = await StatusAsync(TimeSpan.FromMinutes(10), ReportFormat.Json);

        Assert.DoesNotContain("STALE", table.Stdout, StringComparison.Ordinal);
        Assert.False((bool)JsonNode.Parse(json.Stdout)!["stale"]!);
    }

    [Fact]
    public async Task Status_MarksEveryIssuerByItsOwnLastPush_AndOneThatNeverPushedAsStale()
    {
        var second = Publisher.Register("factory-2", (KeyA, KeyStatus.Active));
        second.LastPushAt = null;
        Publisher["factory-1"].LastPushAt = FakeOperatorApi.Now.AddHours(-2);

        var run = await StatusAsync(TimeSpan.FromHours(3), ReportFormat.Json, issuerId: null);

        var issuers = JsonNode.Parse(run.Stdout)!["issuers"]!.AsArray();
        Assert.Equal(
            [("factory-1", false, "03:00:00"), ("factory-2", true, "03:00:00")],
            issuers.Select(i => ((string)i!["issuerId"]!, (bool)i["stale"]!, (string)i["staleAfter"]!)));
    }

    [Fact]
    public async Task Status_KeepsThePublishersVerdict_WithoutStaleAfter()
    {
        Publisher["factory-1"].LastPushAt = FakeOperatorApi.Now.AddDays(-3);

        var run = await Verb("status", "--issuer-id", "factory-1", "--output", "json");

        Assert.Equal(FakeOperatorApi.StatusJson(Publisher["factory-1"]).ToJsonString() + Environment.NewLine, run.Stdout);
        Assert.False((bool)JsonNode.Parse(run.Stdout)!["stale"]!);
    }

    [Theory]
    [InlineData("10 minutes", "is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    [InlineData("-5m", "is negative: give a duration longer than zero, such as 90s, 10m or 1h")]
    [InlineData("0s", "is zero: give a duration longer than zero, such as 90s, 10m or 1h")]
    [InlineData("", "is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    public async Task Status_IsAUsageError_WhenStaleAfterIsNotAPositiveDuration(string value, string reason)
    {
        var run = await Verb("status", "--stale-after", value);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--stale-after '{value}' {reason}", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Publisher.Requests);
    }

    private async Task<CliRun> StatusAsync(TimeSpan staleAfter, ReportFormat output, string? issuerId = "factory-1")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await StatusCommand.RunAsync(
            new StatusCommand.Options
            {
                Connection = new PublisherConnection { Publisher = Publisher.Https, FunctionKeyFile = KeyFile, CaCert = CaFile, Output = output },
                IssuerId = issuerId,
                StaleAfter = staleAfter,
                TimeProvider = new FixedClock(FakeOperatorApi.Now),
            },
            stdout,
            stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
