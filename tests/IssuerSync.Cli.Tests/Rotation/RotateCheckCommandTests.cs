using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Commands;
using IssuerSync.Cli.Operators;
using IssuerSync.Cli.Tests.Verify;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Rotation;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Rotation;

/// <summary>
/// <c>issuersync rotate check</c> against the real publisher on loopback (its status answer) and the documents it
/// published, served over https: the exit code (0 safe, 5 not yet, 6 not safe), the time left and the reasons,
/// at instants before and after each wait of the runbook.
/// </summary>
public sealed class RotateCheckCommandTests : IAsyncLifetime
{
    private static readonly RSA SharedKeyA = TestKeys.Rsa();
    private static readonly ECDsa SharedKeyB = TestKeys.Ec();
    private static readonly ECDsa SharedKeyC = TestKeys.Ec();
    private static readonly DateTimeOffset Enrolled = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AddedB = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SwitchedToB = AddedB.AddHours(1);

    private readonly TempDirectory _temp = new();
    private readonly TestIssuerServer _web = new();
    private LoopbackPublisher _publisher = null!;
    private string _keyFile = null!;
    private string _caFile = null!;

    private static string KidA => TestKeys.ExpectedKid(SharedKeyA);

    private static string KidB => TestKeys.ExpectedKid(SharedKeyB);

    public async Task InitializeAsync()
    {
        _publisher = await LoopbackPublisher.StartAsync(_temp.Path, $"{_web.Origin}/{LoopbackPublisher.IssuerId}");
        _keyFile = _temp.Write("operator.key", LoopbackPublisher.OperatorKey + "\n");
        _caFile = _temp.Write("ca.pem", _web.CaPem);
        _temp.Write("b.pub", TestKeys.PublicPem(SharedKeyB));
        _temp.Write("c.pub", TestKeys.PublicPem(SharedKeyC));
        _temp.Write("ab.pub", TestKeys.PublicPem(SharedKeyA) + "\n" + TestKeys.PublicPem(SharedKeyB) + "\n");
    }

    public async Task DisposeAsync()
    {
        await _publisher.DisposeAsync();
        await _web.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Switch_ExitsNotYet_WithTheTimeLeft_UntilMaxAgeAndTheAgentIntervalHavePassedSinceBWasPublished()
    {
        await RotatedAsync(signer: KidA);

        var run = await CheckAsync(AddedB.AddMinutes(9), "b.pub");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains($"issuersync rotate check: switch the signing key to {KidB}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"the publisher has {KidB} active and published since 2026-12-01T10:00:00Z", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("NOT YET: keep signing with the old key until then: safe at 2026-12-01T10:10:00Z, in 1m" + Environment.NewLine, run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public async Task Switch_ExitsZero_OnceTheWaitIsOver_AndNamesTheOldSignerAsTheOldKey()
    {
        await RotatedAsync(signer: KidA);

        var run = await CheckAsync(AddedB.AddMinutes(10), "b.pub", json: true);

        Assert.Equal(0, run.ExitCode);
        var answer = JsonNode.Parse(run.Stdout)!;
        Assert.Equal(("switch", "safe", true, KidB, KidA), ((string?)answer["step"], (string?)answer["verdict"], (bool)answer["safe"]!, (string?)answer["newKid"], (string?)answer["oldKid"]));
        Assert.Equal("2026-12-01T10:10:00Z", (string?)answer["safeAt"]);
        Assert.Null(answer["timeLeftSeconds"]);
        Assert.Equal($"switch the signing key to {KidB} (step 3): safe since 2026-12-01T10:10:00Z", (string?)answer["reasons"]!.AsArray()[^1]);
    }

    [Fact]
    public async Task Remove_IsTheNextStep_OnceBSigns_AndWaitsTheLongestTokenLifetimeFromTheSwitchThePublisherRecorded()
    {
        await RotatedAsync(signer: KidB);

        var early = await CheckAsync(SwitchedToB.AddHours(23), "b.pub", json: true);
        var late = await CheckAsync(SwitchedToB.AddHours(24), "b.pub", json: true);

        Assert.Equal(5, early.ExitCode);
        var answer = JsonNode.Parse(early.Stdout)!;
        Assert.Equal(("remove", "not_yet", KidA, 3600L), ((string?)answer["step"], (string?)answer["verdict"], (string?)answer["oldKid"], (long?)answer["timeLeftSeconds"]));
        Assert.Contains($"the pushes are signed by {KidB} since 2026-12-01T11:00:00Z", answer["reasons"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(0, late.ExitCode);
        Assert.Equal("safe", (string?)JsonNode.Parse(late.Stdout)!["verdict"]);
    }

    [Fact]
    public async Task Remove_TakesTheKeyThePublisherDroppedAsTheOldOne_OnceOnlyTheNewKeyIsPublished()
    {
        await RotatedAsync(signer: KidB, statusOfA: KeyStatus.Dropped);

        var run = await CheckAsync(SwitchedToB.AddDays(9), "b.pub");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"issuersync rotate check: remove {KidA}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{KidA} is already gone from the cluster's keys: the publisher has it dropped since 2026-12-09T11:00:00Z", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"SAFE: remove {KidA} from the keys the API server verifies with (step 5): safe since 2026-12-02T11:00:00Z", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_ExitsSix_WhileTheOldKeyStillSigns()
    {
        await RotatedAsync(signer: KidA);

        var run = await CheckAsync(AddedB.AddDays(30), "b.pub", "--step", "remove");

        Assert.Equal(6, run.ExitCode);
        Assert.Contains($"NOT SAFE: the latest accepted push was signed by {KidA}, not {KidB}: switch the signing key first (step 3)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_ExitsSix_WhenTheNewKeyIsNotInThePublishedJwks()
    {
        await RotatedAsync(signer: KidA);

        var run = await CheckAsync(AddedB.AddDays(30), "c.pub");

        Assert.Equal(6, run.ExitCode);
        Assert.Contains($"NOT SAFE: {TestKeys.ExpectedKid(SharedKeyC)} is not in the published JWKS (served: ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_CannotTell_WithoutThePublisher_ButStillChecksTheServedJwks()
    {
        await RotatedAsync(signer: KidA);

        var run = await CliRun.InvokeAsync("rotate", "check", "--issuer", _publisher.Issuer, "--ca-cert", _caFile, "--new-kid", KidB);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains($"the published JWKS serves {KidB}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"CANNOT TELL: when {KidB} was first published is not known without --publisher", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ExitsTwo_WhenIssuerIsNotTheOneThePublisherRegisters()
    {
        await RotatedAsync(signer: KidA);

        var run = await CliRun.InvokeAsync(
            "rotate", "check", "--publisher", _publisher.Url, "--issuer-id", LoopbackPublisher.IssuerId, "--function-key-file", _keyFile,
            "--issuer", _publisher.Issuer + "/", "--ca-cert", _caFile, "--new-kid", KidB);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"issuersync: error: --issuer '{_publisher.Issuer}/' is not the issuer the publisher registers for cluster1 ('{_publisher.Issuer}'): the issuer must match byte for byte; leave --issuer out to use the registered one{Environment.NewLine}", run.Stderr);
    }

    [Fact]
    public async Task Check_ExitsThree_WithThePublishersRefusalOnStdout_WhenTheIssuerIdIsUnknownAndOutputIsJson()
    {
        var run = await CliRun.InvokeAsync(
            "rotate", "check", "--publisher", _publisher.Url, "--issuer-id", "cluster9", "--function-key-file", _keyFile,
            "--ca-cert", _caFile, "--new-kid", KidB, "--output", "json");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("issuer_unknown", (string?)JsonNode.Parse(run.Stdout)!["error"]);
        Assert.StartsWith("issuersync: error: the publisher refused status of issuer cluster9: 404 issuer_unknown", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ExitsTwo_WhenTheNewKeyFileHoldsSeveralKeys()
    {
        await RotatedAsync(signer: KidA);

        var run = await CliRun.InvokeAsync("rotate", "check", "--issuer", _publisher.Issuer, "--ca-cert", _caFile, "--new-key", _temp.File("ab.pub"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"the file holds 2 keys ({string.Join(", ", new[] { KidA, KidB }.Order(StringComparer.Ordinal))}): give a file with that key alone, or its kid", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("give the new key as --new-kid KID or --new-key FILE (one of them)", "--issuer", "https://oidc.example.com/c1")]
    [InlineData("give the new key as --new-kid KID or --new-key FILE (one of them)", "--issuer", "https://oidc.example.com/c1", "--new-kid", "k", "--new-key", "f")]
    [InlineData("give the old key as --old-kid KID or --old-key FILE, not both", "--issuer", "https://oidc.example.com/c1", "--new-kid", "k", "--old-kid", "o", "--old-key", "f")]
    [InlineData("--publisher and --issuer-id go together", "--publisher", "http://127.0.0.1:1", "--new-kid", "k")]
    [InlineData("give --issuer URL, or --publisher URL with --issuer-id ID", "--new-kid", "k")]
    public async Task Check_IsAUsageError_WhenTheKeysOrTheIssuerAreGivenWrongly(string expected, params string[] args)
    {
        var run = await CliRun.InvokeAsync(["rotate", "check", .. args]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The publisher's state after step 1 (B added by a push A signed) or step 3 (B signs), published and served.</summary>
    private async Task RotatedAsync(string signer, KeyStatus statusOfA = KeyStatus.Active)
    {
        var a = Record(SharedKeyA, Enrolled) with { Status = statusOfA, ChangedAt = statusOfA == KeyStatus.Active ? Enrolled : SwitchedToB.AddDays(8) };
        var b = Record(SharedKeyB, AddedB);
        List<HistoryEntry> history = [Pushed(Enrolled, KidA, KidA), Pushed(AddedB, KidA, KidA, KidB)];
        if (signer == KidB)
        {
            history.Add(Pushed(SwitchedToB, KidB, KidA, KidB));
        }

        _publisher.WriteState(IssuerState.New(LoopbackPublisher.IssuerId, _publisher.Issuer) with
        {
            Keys = new[] { a, b }.OrderBy(k => k.Kid, StringComparer.Ordinal).ToArray(),
            LatestSigningKid = signer,
            LastObservedAt = history[^1].At,
            LastAcceptedPushAt = history[^1].At,
            History = history,
        });
        await _publisher.PublishToAsync(_web);
    }

    private Task<CliRun> CheckAsync(DateTimeOffset now, string newKeyFile, params string[] more)
        => CheckAsync(now, newKeyFile, json: false, more);

    private async Task<CliRun> CheckAsync(DateTimeOffset now, string newKeyFile, bool json, params string[] more)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await RotateCheckCommand.RunAsync(
            new RotateCheckCommand.Options
            {
                Connection = new PublisherConnection { Publisher = _publisher.Url, FunctionKeyFile = _keyFile },
                IssuerId = LoopbackPublisher.IssuerId,
                NewKey = _temp.File(newKeyFile),
                Step = more.SequenceEqual(["--step", "remove"]) ? Core.Rotation.Check.RotationStep.Remove : null,
                CaCert = _caFile,
                Output = json ? ReportFormat.Json : ReportFormat.Table,
                TimeProvider = new FixedClock(now),
            },
            stdout,
            stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private static KeyRecord Record(AsymmetricAlgorithm key, DateTimeOffset at)
        => KeyRecord.Create(ServiceAccountKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), "test", null), KeyStatus.Active, at);

    private static HistoryEntry Pushed(DateTimeOffset at, string signer, params string[] kids) => new()
    {
        At = at,
        Action = HistoryAction.Pushed,
        Kids = kids.Order(StringComparer.Ordinal).ToArray(),
        By = HistoryActor.ForPush(signer, "system:serviceaccount:issuersync:issuersync-agent", "10.0.0.7"),
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
