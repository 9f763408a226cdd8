extern alias KubernetesFull;

using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Agent.Keys;
using IssuerSync.Agent.Push;
using IssuerSync.Agent.Running;
using IssuerSync.Agent.Tokens;
using IssuerSync.Cli;
using IssuerSync.Core;
using IssuerSync.Core.Issuers;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace IssuerSync.Agent.Tests.Tokens;

/// <summary>
/// The projected-token deployment (deploy/kubernetes/projected-token.yaml) through a key rotation:
/// the kubelet keeps serving one token for 80% of its lifetime, and the publisher (here binding tokens
/// as the real one does) refuses a token with a second body. The test plays the kubelet and rotates the file.
/// </summary>
public sealed class ProjectedTokenRotationTests : AgentWorldTests
{
    private int _minted;

    protected override AgentWorldOptions Options => new() { PublisherBindsTokens = true };

    [Fact]
    public async Task AgentRun_PushesTheRotatedKeysWithTheNextToken_AfterWaitingForTheKubeletToRotateTheFile()
    {
        var tokenFile = Dir.File("token");
        var first = Kubelet(tokenFile);
        var log = new CapturedLog();
        using var stop = new CancellationTokenSource();
        var run = CliApp.InvokeAsync(
            AgentWorld.AgentRun(World.RunArgs("--token-file", tokenFile, "--interval", "1s")),
            TextWriter.Null,
            log.Writer,
            stop.Token);

        await WaitUntilAsync(() => Publisher.Pushes.Count == 1, log);
        Api.Keys.Add(TestKeys.Rsa());
        await WaitUntilAsync(() => Events(log).Contains("WaitingForTokenRotation"), log);
        var second = Kubelet(tokenFile);
        await WaitUntilAsync(() => Publisher.Pushes.Count == 2, log);
        await WaitUntilAsync(() => Events(log).Count(e => e == "PushAccepted") == 2, log);
        await stop.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, code);
        Assert.Equal([first, second], Publisher.Pushes.Select(p => p.Bearer));
        Assert.Equal(Api.Keys.Select(Api.KidOf).Order(StringComparer.Ordinal), Publisher.Pushes.Last().Kids);
        var events = Events(log);
        Assert.DoesNotContain("PushRejected", events);
        Assert.DoesNotContain("CycleFailed", events);
        Assert.Equal(["Pushing", "WaitingForTokenRotation", "TokenRotated", "PushAccepted"], events.SkipWhile(e => e != "WaitingForTokenRotation").Prepend("Pushing").Take(4));
        Assert.Contains($"The token file {tokenFile} still holds the token of the last push", log.Text);
        Assert.DoesNotContain(first, log.Text);
    }

    [Fact]
    public async Task CycleAsync_PushesNothingAndNamesExpirationSeconds_WhenTheKubeletNeverRotatesTheFile()
    {
        var tokenFile = Dir.File("token");
        Kubelet(tokenFile, lifetime: TimeSpan.FromSeconds(2));
        using var client = new Kubernetes(Api.ClientConfiguration());
        using var http = PushHttpClient.Create();
        var logs = new RecordingLogger();
        var tokens = new TokenFileSource(tokenFile, TimeProvider.System, logs) { PollInterval = TimeSpan.FromMilliseconds(50), RotationGrace = TimeSpan.Zero };
        var runner = new AgentRunner(
            new ApiServerKeySource(client, IssuerUrl.Parse(Issuer), new ServiceAccountRef(FakeApiServer.Namespace, FakeApiServer.AccountName), TimeSpan.FromSeconds(10)),
            tokens,
            new PushClient(http, PublisherEndpoint.Parse(Publisher.BaseUri.ToString()), new PushClientOptions(), TimeProvider.System, NullLogger.Instance),
            new AgentRunOptions { Issuer = IssuerUrl.Parse(Issuer) },
            TimeProvider.System,
            logs);
        await runner.CycleAsync();
        Api.Keys.Add(TestKeys.Rsa());

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => runner.CycleAsync());

        Assert.StartsWith($"--token-file '{tokenFile}': still holds the token of the last push after waiting", error.Message);
        Assert.Contains("expirationSeconds (600, the minimum", error.Message);
        Assert.Single(Publisher.Pushes);
        Assert.Contains("WaitingForTokenRotation", logs.Events);
    }

    [Fact]
    public void ProjectedTokenManifest_AsksTheShortestLifetime_SoTheKubeletRotatesWithinMinutes()
    {
        var manifest = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes", "projected-token.yaml"));
        var deployment = KubernetesFull::k8s.KubernetesYaml.LoadAllFromString(manifest).OfType<KubernetesFull::k8s.Models.V1Deployment>().Single();
        var projection = deployment.Spec.Template.Spec.Volumes.Single(v => v.Projected is not null).Projected.Sources.Single().ServiceAccountToken;

        Assert.Equal(600, projection.ExpirationSeconds);
    }

    /// <summary>What the kubelet does: a fresh token for the agent's account, swapped in atomically.</summary>
    private string Kubelet(string path, TimeSpan? lifetime = null)
    {
        var now = DateTimeOffset.UtcNow;
        var key = Api.Keys[0];
        var token = Jwt.Sign(key, Api.KidOf(key), new JsonObject
        {
            ["aud"] = new JsonArray("issuersync"),
            ["exp"] = now.Add(lifetime ?? TimeSpan.FromMinutes(10)).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Api.Issuer,
            ["jti"] = $"token-{Interlocked.Increment(ref _minted)}",
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{FakeApiServer.Namespace}:{FakeApiServer.AccountName}",
        });
        var staged = path + ".staged";
        File.WriteAllText(staged, token);
        File.Move(staged, path, overwrite: true);
        return token;
    }

    private static IReadOnlyList<string> Events(CapturedLog log)
        => log.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!)
            .ToArray();

    private static async Task WaitUntilAsync(Func<bool> condition, CapturedLog log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the agent: " + log.Text);
            await Task.Delay(20);
        }
    }

    /// <summary>stderr of an agent running in the background, read while it writes.</summary>
    private sealed class CapturedLog
    {
        private readonly StringWriter _inner = new();

        public CapturedLog() => Writer = TextWriter.Synchronized(_inner);

        public TextWriter Writer { get; }

        public string Text
        {
            get
            {
                // The synchronized writer locks on itself for every write.
                lock (Writer)
                {
                    return _inner.ToString();
                }
            }
        }
    }
}
