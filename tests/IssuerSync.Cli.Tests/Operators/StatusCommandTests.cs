using System.Text.Json.Nodes;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Cli.Tests.Operators;

public sealed class StatusCommandTests : OperatorTest
{
    [Fact]
    public async Task Status_GetsTheIssuerRoute_WithTheKeyAndNoBody()
    {
        var run = await Verb("status", "--issuer-id", "factory-1");

        Assert.Equal(0, run.ExitCode);
        var request = OnlyRequest();
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/issuers/factory-1", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal(FakeOperatorApi.FunctionKey, request.Headers["x-functions-key"]);
        Assert.Equal("application/json", request.Headers["accept"]);
        Assert.False(request.Headers.ContainsKey("content-type"));
        Assert.Equal("", request.Body);
    }

    [Fact]
    public async Task Status_GetsTheListRoute_WhenNoIssuerIdIsGiven()
    {
        var run = await Verb("status");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/api/issuers", OnlyRequest().Path);
        Assert.Equal("GET", OnlyRequest().Method);
    }

    [Fact]
    public async Task Status_PrintsOneRowPerKidAndThePendingFingerprintsWithTheApproveCommand()
    {
        Publisher["factory-1"].LastPublish = new JsonObject { ["at"] = "2026-12-01T09:00:01+00:00", ["status"] = "published" };

        var run = await Verb("status", "--issuer-id", "factory-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var lines = run.Stdout.Split(Environment.NewLine);
        Assert.Contains(lines, l => l.Contains("factory-1  https://oidcfactory1.blob.core.windows.net/oidc", StringComparison.Ordinal));
        Assert.Matches($@"│ {KidA}\s+│ active, signing\s+│ {FingerprintOf(KeyA)[..16]}…\s+│\s+│", run.Stdout);
        Assert.Matches($@"│ {KidB}\s+│ pending\s+│ {FingerprintOf(KeyB)[..16]}…\s+│\s+│", run.Stdout);
        Assert.Contains("target:       azblob:https://oidcfactory1.blob.core.windows.net/oidc", lines);
        Assert.Contains("last push:    2026-12-01T09:30:00+00:00", lines);
        Assert.Contains("last publish: 2026-12-01T09:00:01+00:00 (published)", lines);
        Assert.Contains("last error:   none", lines);
        Assert.DoesNotContain("STALE", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  {KidB}  {FingerprintOf(KeyB)}", lines);
        Assert.Contains(
            $"issuersync approve --publisher {Publisher.Https} --issuer-id factory-1 --fingerprint {FingerprintOf(KeyB)} --function-key-file {KeyFile} --ca-cert {CaFile}",
            lines);
        AssertKeyNotPrinted(run);
    }

    [Fact]
    public async Task Status_ShowsRetainUntilStaleAndTheLastError_ForEveryIssuer()
    {
        var second = Publisher.Register("factory-2", (KeyA, KeyStatus.Active), (KeyB, KeyStatus.Retained));
        second.Stale = true;
        second.LastPushAt = FakeOperatorApi.Now.AddHours(-5);
        second.LastError = new JsonObject { ["code"] = "state_unavailable", ["message"] = "the state store answered 403", ["at"] = "2026-12-01T09:55:00+00:00" };

        var run = await Verb("status");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"factory-1  https://oidcfactory1.blob.core.windows.net/oidc\s", run.Stdout);
        Assert.Matches(@"factory-2  https://oidcfactory2.blob.core.windows.net/oidc  STALE", run.Stdout);
        Assert.Matches($@"│ {KidB}\s+│ retained\s+│ {FingerprintOf(KeyB)[..16]}…\s+│ 2026-12-08T10:00:00\+00:00 │", run.Stdout);
        Assert.Contains("last push:    2026-12-01T05:00:00+00:00", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("last error:   state_unavailable: the state store answered 403 (at 2026-12-01T09:55:00+00:00)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("STALE: no push for longer than 2h: the agent is down or its pushes are refused (check its logs)", run.Stdout, StringComparison.Ordinal);
        Assert.True(run.Stdout.IndexOf("factory-1", StringComparison.Ordinal) < run.Stdout.IndexOf("factory-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_PrintsThePublishersJsonAsItIs_WhenOutputIsJson()
    {
        var run = await Verb("status", "--issuer-id", "factory-1", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(FakeOperatorApi.StatusJson(Publisher["factory-1"]).ToJsonString() + Environment.NewLine, run.Stdout);
    }

    [Fact]
    public async Task Status_SaysSo_WhenNoIssuerIsRegistered()
    {
        await using var empty = new FakeOperatorApi(Certificates);

        var run = await CliRun.InvokeAsync("status", "--publisher", empty.Http, "--function-key-file", KeyFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No issuer is registered with this publisher." + Environment.NewLine, run.Stdout);
    }

    [Fact]
    public async Task Status_PrintedApproveCommand_RunsAsPastedAndSendsTheSameRequestAsApprove()
    {
        await using var direct = new FakeOperatorApi(Certificates);
        direct.Register("factory-1", (KeyA, KeyStatus.Active), (KeyB, KeyStatus.Pending));
        var expected = await CliRun.InvokeAsync("approve", "--publisher", direct.Http, "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--function-key-file", KeyFile);
        Assert.Equal(0, expected.ExitCode);
        var status = await Verb("status", "--issuer-id", "factory-1");
        var line = status.Stdout.Split(Environment.NewLine).Single(l => l.StartsWith("issuersync approve ", StringComparison.Ordinal));

        var (code, stdout, stderr) = Shell(line);

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("published: the documents were written", stdout, StringComparison.Ordinal);
        var pasted = Publisher.Requests[^1];
        var typed = direct.Requests[^1];
        Assert.Equal((typed.Method, typed.Path, typed.Query, typed.Body), (pasted.Method, pasted.Path, pasted.Query, pasted.Body));
        Assert.Equal(typed.Headers["x-functions-key"], pasted.Headers["x-functions-key"]);
        Assert.Equal(typed.Headers["content-type"], pasted.Headers["content-type"]);
        Assert.Equal(KeyStatus.Active, Publisher["factory-1"].State.Find(KidB)!.Status);
    }

    [Fact]
    public async Task Status_PrintedApproveCommand_QuotesWordsTheShellWouldSplit()
    {
        var awkward = Temp.Write("key dir/it's.key", FakeOperatorApi.FunctionKey);
        var status = await CliRun.InvokeAsync("status", "--publisher", Publisher.Https, "--ca-cert", CaFile, "--function-key-file", awkward, "--issuer-id", "factory-1");
        var line = status.Stdout.Split(Environment.NewLine).Single(l => l.StartsWith("issuersync approve ", StringComparison.Ordinal));

        var (code, _, stderr) = Shell(line);

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains($"--function-key-file '{awkward.Replace("'", "'\\''", StringComparison.Ordinal)}'", line, StringComparison.Ordinal);
        Assert.Equal("POST", Publisher.Requests[^1].Method);
        Assert.Equal(FakeOperatorApi.FunctionKey, Publisher.Requests[^1].Headers["x-functions-key"]);
    }
}
