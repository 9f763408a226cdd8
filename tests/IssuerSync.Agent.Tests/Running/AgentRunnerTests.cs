using System.Net;
using IssuerSync.Agent.Keys;
using IssuerSync.Agent.Push;
using IssuerSync.Agent.Running;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Push;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace IssuerSync.Agent.Tests.Running;

/// <summary>The agent end to end against the fake kube-apiserver and the recording publisher.</summary>
public sealed class AgentRunnerTests : AgentRunnerWorldTests
{
    [Fact]
    public async Task CycleAsync_PushesTheApiServersKeysWithAClusterMintedToken_OnTheFirstCycle()
    {
        var outcome = await Runner().CycleAsync();

        Assert.Equal(CycleOutcome.Pushed, outcome);
        var push = Assert.Single(Publisher.Pushes);
        var body = push.Request;
        Assert.Equal((PushProtocol.PushVersion, Issuer, PushProtocol.SourceLive, AgentInfo.Version), (body.Version, body.Issuer, body.Source, body.AgentVersion));
        Assert.Equal(Time.GetUtcNow(), body.ObservedAt);
        Assert.Equal([Api.KidOf(Api.Keys[0])], push.Kids);
        Assert.True(Jwt.Verify(push.Bearer!, Api.Keys[0]), "the bearer is the token the API server signed");
        var claims = Jwt.Claims(push.Bearer!);
        Assert.Equal(("system:serviceaccount:issuersync:issuersync-agent", "issuersync", Issuer), ((string?)claims["sub"], (string?)claims["aud"]![0], (string?)claims["iss"]));
        Assert.Equal(600, Assert.Single(Api.TokenRequests).ExpirationSeconds);
    }

    [Fact]
    public async Task CycleAsync_SendsNothing_WhenTheKeysAreUnchanged()
    {
        var runner = Runner();

        await runner.CycleAsync();
        Time.Advance(TimeSpan.FromMinutes(5));
        var second = await runner.CycleAsync();
        Time.Advance(TimeSpan.FromMinutes(5));
        var third = await runner.CycleAsync();

        Assert.Equal((CycleOutcome.Unchanged, CycleOutcome.Unchanged), (second, third));
        Assert.Single(Publisher.Pushes);
        Assert.Single(Api.TokenRequests);
    }

    [Fact]
    public async Task CycleAsync_PushesOnceWithBothKeys_WhenARotationAddsAKey()
    {
        var runner = Runner();
        await runner.CycleAsync();

        var added = TestKeys.Rsa();
        Api.Keys.Add(added);
        var afterRotation = await runner.CycleAsync();
        var next = await runner.CycleAsync();

        Assert.Equal((CycleOutcome.Pushed, CycleOutcome.Unchanged), (afterRotation, next));
        Assert.Equal(2, Publisher.Pushes.Count);
        Assert.Equal(Api.Keys.Select(Api.KidOf).Order(StringComparer.Ordinal), Publisher.Pushes.Last().Kids);
    }

    [Fact]
    public async Task CycleAsync_PushesUnchangedKeysAgain_WhenTheResyncIsDue()
    {
        var runner = Runner();
        await runner.CycleAsync();

        Time.Advance(TimeSpan.FromMinutes(59));
        var before = await runner.CycleAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        var due = await runner.CycleAsync();

        Assert.Equal((CycleOutcome.Unchanged, CycleOutcome.Pushed), (before, due));
        Assert.Equal(2, Publisher.Pushes.Count);
    }

    [Fact]
    public async Task CycleAsync_PushesAgainNextCycle_WhenThePublisherRefusedTheLastPush()
    {
        var runner = Runner();
        Publisher.Reply(HttpStatusCode.Unauthorized, """{"error":"token_signature_invalid","message":"not signed by a trusted key"}""");

        await Assert.ThrowsAsync<PushRejectedException>(() => runner.CycleAsync());
        var retry = await runner.CycleAsync();

        Assert.Equal(CycleOutcome.Pushed, retry);
        Assert.Equal(2, Publisher.Pushes.Count);
    }

    [Fact]
    public async Task CycleAsync_ReportsPending_WhenTheFirstKeysAwaitApproval()
    {
        Publisher.Reply(HttpStatusCode.Accepted, """{"status":"pending","changed":true,"published":[],"pending":["k"]}""");

        Assert.Equal(CycleOutcome.Pending, await Runner().CycleAsync());
    }

    [Fact]
    public async Task CycleAsync_PushesNothing_WhenTheTokenRequestIsForbidden()
    {
        Api.Failures["token"] = HttpStatusCode.Forbidden;

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => Runner().CycleAsync());

        Assert.Contains("lacks permission to create serviceaccounts/token for itself", error.Message);
        Assert.Empty(Publisher.Pushes);
    }

    [Fact]
    public async Task RunAsync_StopsGracefully_WhenCancelledLikeOnSigterm()
    {
        using var dir = new TempDirectory();
        var logs = new RecordingLogger();
        var runner = Runner(new AgentRunOptions { Issuer = IssuerUrl.Parse(Issuer), Interval = TimeSpan.FromMilliseconds(20), LivenessFile = dir.File("alive") }, TimeProvider.System, logs);
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        await WaitUntilAsync(() => Publisher.Pushes.Count >= 1 && logs.Events.Contains("KeysUnchanged"));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Stopped", logs.Events.Last());
        Assert.Single(Publisher.Pushes);
        Assert.True(File.Exists(dir.File("alive")));
    }

    [Fact]
    public async Task RunAsync_LeavesTheLivenessFileStale_WhenFailuresOutlastTheThreshold()
    {
        using var dir = new TempDirectory();
        var logs = new RecordingLogger();
        var options = new AgentRunOptions
        {
            Issuer = IssuerUrl.Parse(Issuer),
            Interval = TimeSpan.FromMinutes(5),
            FailureThreshold = TimeSpan.FromMinutes(12),
            LivenessFile = dir.File("alive"),
        };
        var start = Time.GetUtcNow();
        var keys = new FailingAfterKeySource(KeySource(), successes: 1);
        var runner = Runner(options, Time, logs, keys: keys);
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        await WaitUntilAsync(() => logs.Events.Count(e => e == "LivenessStale") >= 2);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        // t=0 pushed; t=5, 10, 15 failed within the 12-minute threshold (still touched); t=20 on: stale.
        Assert.Equal(start.AddMinutes(15).ToString("O"), File.ReadAllText(dir.File("alive")).Trim());
        Assert.Equal(start.AddMinutes(15).UtcDateTime, File.GetLastWriteTimeUtc(dir.File("alive")));
        Assert.Equal(["Starting", "Pushing", "PushAccepted", "CycleFailed", "CycleFailed", "CycleFailed", "CycleFailed", "LivenessStale"], logs.Events.Take(8));
        Assert.Single(Publisher.Pushes);
    }

    [Fact]
    public async Task RunAsync_KeepsRunning_WhenACycleThrowsAnUnexpectedException()
    {
        var logs = new RecordingLogger();
        var keys = new ThrowingThenWorkingKeySource(KeySource(), new InvalidOperationException("boom"));
        var runner = Runner(new AgentRunOptions { Issuer = IssuerUrl.Parse(Issuer) }, Time, logs, keys: keys);
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        await WaitUntilAsync(() => !Publisher.Pushes.IsEmpty);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("unexpected error (please report it): InvalidOperationException: boom", logs.Messages);
        Assert.Equal(["Starting", "CycleFailed", "Pushing", "PushAccepted"], logs.Events.Take(4));
    }

    [Fact]
    public void LivenessTracker_StaysAliveWithinTheThreshold_AndNotBeyond()
    {
        var tracker = new LivenessTracker(TimeSpan.FromMinutes(10));
        var t0 = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        var results = new[]
        {
            tracker.Record(healthy: true, t0),
            tracker.Record(healthy: false, t0.AddMinutes(1)),
            tracker.Record(healthy: false, t0.AddMinutes(10)),
            tracker.Record(healthy: false, t0.AddMinutes(11)),
            tracker.Record(healthy: true, t0.AddMinutes(12)),
            tracker.Record(healthy: false, t0.AddMinutes(13)),
        };

        Assert.Equal([true, true, true, false, true, true], results);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the agent");
            await Task.Delay(10);
        }
    }

    private sealed class FailingAfterKeySource(IKeySource inner, int successes) : IKeySource
    {
        private int _calls;

        public string Description => inner.Description;

        public Task<ObservedKeys> ReadAsync(CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref _calls) <= successes
                ? inner.ReadAsync(cancellationToken)
                : throw new IssuerSyncException("the API server answered 503 ServiceUnavailable for /openid/v1/jwks");
    }

    private sealed class ThrowingThenWorkingKeySource(IKeySource inner, Exception first) : IKeySource
    {
        private int _calls;

        public string Description => inner.Description;

        public Task<ObservedKeys> ReadAsync(CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref _calls) == 1 ? throw first : inner.ReadAsync(cancellationToken);
    }
}
