using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Commands;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>
/// Duration options: the default when absent (null for the optional form), the value when given, and a usage error naming the option and
/// the value for zero, negative and malformed values.
/// </summary>
public sealed class DurationOptionTests
{
    [Fact]
    public void Read_GivesTheDefault_AndReadOptionalNull_WhenTheOptionIsAbsent()
    {
        var (command, timeout, staleAfter) = Command();

        var result = command.Parse([]);

        Assert.Empty(result.Errors);
        Assert.Equal((TimeSpan.FromSeconds(30), (TimeSpan?)null), (timeout.Read(result), staleAfter.ReadOptional(result)));
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("0.5s", 0.5)]
    public void Read_AndReadOptional_GiveTheValue_WhenGiven(string text, double seconds)
    {
        var (command, timeout, staleAfter) = Command();

        var result = command.Parse(["--timeout", text, "--stale-after", text]);

        Assert.Empty(result.Errors);
        Assert.Equal((TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds)), (timeout.Read(result), staleAfter.ReadOptional(result)));
    }

    [Theory]
    [InlineData("--timeout=0s", "--timeout '0s' is zero: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 30s)")]
    [InlineData("--timeout=0m", "--timeout '0m' is zero: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 30s)")]
    [InlineData("--timeout=0h0m0.0s", "--timeout '0h0m0.0s' is zero: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 30s)")]
    [InlineData("--timeout=-0s", "--timeout '-0s' is zero: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 30s)")]
    [InlineData("--timeout=-5s", "--timeout '-5s' is negative: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 30s)")]
    [InlineData("--timeout=-1h30m", "--timeout '-1h30m' is negative: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 30s)")]
    [InlineData("--timeout=30", "--timeout '30' is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    [InlineData("--timeout=00:00:30", "--timeout '00:00:30' is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    [InlineData("--stale-after=0s", "--stale-after '0s' is zero: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for the publisher's StaleAfter)")]
    [InlineData("--stale-after=-5m", "--stale-after '-5m' is negative: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for the publisher's StaleAfter)")]
    [InlineData("--stale-after=02:00:00", "--stale-after '02:00:00' is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    public void Parse_RefusesNamingOptionAndValue_WhenTheDurationIsNotPositive(string argument, string error)
    {
        var (command, _, _) = Command();

        var result = command.Parse([argument]);

        Assert.Equal(error, Assert.Single(result.Errors).Message);
    }

    [Theory]
    [InlineData("status --publisher https://publisher.example --timeout 0s", "--timeout '0s' is zero")]
    [InlineData("approve --publisher https://publisher.example --issuer-id c1 --fingerprint 00 --timeout 0s", "--timeout '0s' is zero")]
    [InlineData("agent run --publisher https://publisher.example --issuer https://oidc.example.com --interval 0s", "--interval '0s' is zero")]
    [InlineData("agent run --publisher https://publisher.example --issuer https://oidc.example.com --failure-threshold 0m", "--failure-threshold '0m' is zero")]
    [InlineData("agent export --issuer https://oidc.example.com --out b.json --token-expiration 0h", "--token-expiration '0h' is zero")]
    public async Task Verb_ExitsWithAUsageError_WhenAnExplicitDurationIsZero(string commandLine, string error)
    {
        var run = await CliRun.InvokeAsync(commandLine.Split(' '));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(error, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Optional_DescribesTheDurationFormAndWhatAbsenceMeans_InItsHelp()
    {
        var staleAfter = Command().StaleAfter;

        Assert.Equal(
            ("Mark an issuer STALE (e.g. 90s, 10m, 1h; default the publisher's StaleAfter)", "DURATION"),
            (staleAfter.Description, staleAfter.HelpName));
    }

    [Fact]
    public async Task StatusHelp_SaysAnAbsentStaleAfterKeepsThePublishers_AndNeverThatZeroDoes()
    {
        var run = await CliRun.InvokeAsync("status", "--help");

        var line = Assert.Single(run.Stdout.Split('\n'), l => l.TrimStart().StartsWith("--stale-after", StringComparison.Ordinal));
        Assert.EndsWith("(e.g. 90s, 10m, 1h; default the publisher's StaleAfter)", line.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("0 keeps", line, StringComparison.Ordinal);
        Assert.DoesNotContain("default 0s", line, StringComparison.Ordinal);
    }

    /// <summary>A command with a defaulted duration (--timeout, 30s) and an optional one (--stale-after).</summary>
    private static (RootCommand Command, DurationOption Timeout, DurationOption StaleAfter) Command()
    {
        var timeout = new DurationOption("--timeout", TimeSpan.FromSeconds(30), "How long to wait");
        var staleAfter = DurationOption.Optional("--stale-after", "Mark an issuer STALE", "the publisher's StaleAfter");
        return (new RootCommand { timeout, staleAfter }, timeout, staleAfter);
    }
}
