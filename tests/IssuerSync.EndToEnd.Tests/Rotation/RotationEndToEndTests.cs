using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Core.Registration;
using IssuerSync.EndToEnd.Tests.Hosting;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Testing;
using IssuerSync.Testing.Cluster;

namespace IssuerSync.EndToEnd.Tests.Rotation;

/// <summary>
/// A cluster's whole key life, end to end: the real agent (<c>issuersync agent run --once</c> against the fake
/// kube-apiserver) pushes over HTTP to the real publisher (its endpoints on Kestrel, with a test clock so the
/// retention window can pass), an operator approves through <c>issuersync approve</c>, and after every step the
/// documents are fetched anonymously over HTTPS and tokens signed by A and by B are checked with
/// <c>issuersync verify</c>, as a cloud checks them.
/// </summary>
public sealed class RotationEndToEndTests : IAsyncLifetime
{
    private const string IssuerId = "cluster1";
    private const string AgentSubject = $"system:serviceaccount:{FakeApiServer.Namespace}:{FakeApiServer.AccountName}";
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly TempDirectory _folder = new();
    private readonly RSA _keyA = TestKeys.Rsa();
    private readonly ECDsa _keyB = TestKeys.Ec();
    private StaticIssuerServer _web = null!;
    private FakeApiServer _cluster = null!;
    private InProcessPublisher _publisher = null!;
    private CloudView _cloud = null!;
    private string _issuer = null!;
    private string _kubeconfig = null!;
    private string _pushKeyFile = null!;
    private string _operatorKeyFile = null!;

    private string KidA => TestKeys.ExpectedKid(_keyA);

    private string KidB => TestKeys.ExpectedKid(_keyB);

    public async Task InitializeAsync()
    {
        _web = await StaticIssuerServer.StartAsync(_folder.File("web"), _folder.File("ca.pem"));
        _issuer = $"{_web.Origin}/{IssuerId}";
        _cluster = await FakeApiServer.StartAsync();
        _cluster.Issuer = _issuer;

        // A current cluster: every token carries a jti, so tokens the agent asks for within one second differ.
        _cluster.IssueJti = true;
        foreach (var key in _cluster.Keys)
        {
            key.Dispose();
        }

        _cluster.Keys.Clear();
        _cluster.Keys.Add(_keyA);
        _kubeconfig = _cluster.WriteKubeconfig(_folder.File("kubeconfig"));
        _pushKeyFile = _folder.Write("push.key", InProcessPublisher.PushKey + "\n");
        _operatorKeyFile = _folder.Write("operator.key", InProcessPublisher.OperatorKey + "\n");
        _publisher = await InProcessPublisher.StartAsync(new PublisherSettings
        {
            StateStore = "dir:" + _folder.File("state"),
            Issuers =
            [
                new IssuerSettings
                {
                    Registration = new IssuerRegistration
                    {
                        Id = IssuerId,
                        Issuer = _issuer,
                        Target = "dir:" + Path.Combine(_web.Root, IssuerId),
                        AgentSubject = AgentSubject,
                        RetentionWindow = Retention,
                    },
                },
            ],
        });
        _cloud = new CloudView(_web, _issuer, _folder);
    }

    public async Task DisposeAsync()
    {
        await _publisher.DisposeAsync();
        await _cluster.DisposeAsync();
        await _web.DisposeAsync();
        _keyA.Dispose();
        _keyB.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Rotation_KeepsEveryLiveTokenVerifiable_FromEnrolmentUntilTheOldKeyIsDropped()
    {
        // 1. Enrol: the first push of a new issuer is answered 202 pending; nothing is published.
        var enrol = await AgentRunOnceAsync();
        Assert.True(enrol.ExitCode == 0, enrol.ToString());
        Assert.Contains("PushPending", enrol.LogEvents());
        Assert.Empty(await _cloud.PublishedKidsAsync());
        await ExpectCloudAsync(
            tokenOfA: ["DISCOVERY_NOT_FOUND", "TOKEN_KID_UNKNOWN"],
            tokenOfB: ["DISCOVERY_NOT_FOUND", "TOKEN_KID_UNKNOWN"]);

        // 2. The operator compares the pending fingerprint with the cluster's key and approves it.
        var status = await OperatorAsync("status", "--issuer-id", IssuerId, "--output", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var pending = Assert.Single(JsonNode.Parse(status.Stdout)!["pending"]!.AsArray());
        Assert.Equal((KidA, Fingerprint(_keyA)), ((string)pending!["kid"]!, (string)pending["fingerprint"]!));
        var approve = await OperatorAsync("approve", "--issuer-id", IssuerId, "--fingerprint", (string)pending["fingerprint"]!, "--operator", "alice", "--output", "json");
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Equal([KidA], JsonNode.Parse(approve.Stdout)!["published"]!.AsArray().Select(k => (string)k!));
        Assert.Equal([KidA], await _cloud.PublishedKidsAsync());
        await ExpectCloudAsync(tokenOfA: [], tokenOfB: ["TOKEN_KID_UNKNOWN"]);

        // 3. The cluster adds key B (still signing with A): a trusted push publishes it at once.
        _cluster.Keys.Add(_keyB);
        var added = await AgentRunOnceAsync();
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("PushAccepted", added.LogEvents());
        Assert.Equal(new[] { KidA, KidB }.Order(StringComparer.Ordinal), await _cloud.PublishedKidsAsync());
        await ExpectCloudAsync(tokenOfA: [], tokenOfB: []);

        // 4. The cluster signs with B and still serves A: both stay published, B is the signing key.
        _cluster.SigningKey = _keyB;
        var switched = await AgentRunOnceAsync();
        Assert.True(switched.ExitCode == 0, switched.ToString());
        Assert.Equal(new[] { KidA, KidB }.Order(StringComparer.Ordinal), await _cloud.PublishedKidsAsync());
        Assert.Equal(KidB, (string?)(await IssuerStatusAsync())["latestSigningKid"]);
        await ExpectCloudAsync(tokenOfA: [], tokenOfB: []);

        // 5. The cluster drops A: A is retained (tokens it signed still live), not dropped.
        _cluster.Keys.Remove(_keyA);
        _cluster.SigningKey = null;
        var dropped = await AgentRunOnceAsync();
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        Assert.Equal(new[] { KidA, KidB }.Order(StringComparer.Ordinal), await _cloud.PublishedKidsAsync());
        var retained = (await IssuerStatusAsync())["keys"]!.AsArray().Single(k => (string?)k!["kid"] == KidA)!;
        Assert.Equal("retained", (string?)retained["status"]);
        var retainUntil = DateTimeOffset.Parse((string)retained["retainUntil"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retainUntil - _publisher.Clock.GetUtcNow(), Retention - TimeSpan.FromMinutes(1), Retention);
        await ExpectCloudAsync(tokenOfA: [], tokenOfB: []);

        // 6. A reconcile inside the window changes nothing. Past the window A is no longer trusted (even before a
        //    reconcile runs: a push signed by A is refused), and the reconcile drops it.
        _publisher.CatchUp();
        Assert.Contains("unchanged", await ReconcileIssuerAsync());
        Assert.Equal(new[] { KidA, KidB }.Order(StringComparer.Ordinal), await _cloud.PublishedKidsAsync());
        _publisher.Clock.SetUtcNow(retainUntil.AddSeconds(1));
        using var late = await PushSignedByAsync(_keyA, _publisher.Clock.GetUtcNow());
        Assert.Equal((HttpStatusCode.Unauthorized, "token_key_untrusted"), (late.StatusCode, (string?)JsonNode.Parse(await late.Content.ReadAsStringAsync())!["error"]));
        Assert.Contains("published (retention changed the state)", await ReconcileIssuerAsync());
        Assert.Equal([KidB], await _cloud.PublishedKidsAsync());
        await ExpectCloudAsync(tokenOfA: ["TOKEN_KID_UNKNOWN"], tokenOfB: []);
    }

    /// <summary>Checks a token of A and one of B as a cloud would: no error codes means exit 0 and TOKEN_OK.</summary>
    private async Task ExpectCloudAsync(string[] tokenOfA, string[] tokenOfB)
    {
        foreach (var (key, expected) in new (AsymmetricAlgorithm, string[])[] { (_keyA, tokenOfA), (_keyB, tokenOfB) })
        {
            var run = await _cloud.VerifyTokenOfAsync(key);
            Assert.True(expected.SequenceEqual(run.ErrorCodes()), $"token of kid {TestKeys.ExpectedKid(key)}: expected errors [{string.Join(", ", expected)}]: {run}");
            if (expected.Length == 0)
            {
                Assert.Equal(0, run.ExitCode);
                Assert.Contains(run.Findings(), f => f.Code == "TOKEN_OK" && f.Message.Contains(TestKeys.ExpectedKid(key), StringComparison.Ordinal));
            }
            else
            {
                Assert.Equal(4, run.ExitCode);
                Assert.DoesNotContain(run.Findings(), f => f.Code == "TOKEN_OK");
            }
        }
    }

    private async Task<CliRun> AgentRunOnceAsync()
    {
        _publisher.CatchUp();
        return await CliRun.RunAsync(
            "agent", "run", "--once", "--publisher", _publisher.BaseUri.ToString(), "--issuer", _issuer,
            "--kubeconfig", _kubeconfig, "--function-key-file", _pushKeyFile, "--max-attempts", "1");
    }

    private Task<CliRun> OperatorAsync(string verb, params string[] args)
        => CliRun.RunAsync([verb, "--publisher", _publisher.BaseUri.ToString(), "--function-key-file", _operatorKeyFile, .. args]);

    private async Task<JsonNode> IssuerStatusAsync()
    {
        var status = await OperatorAsync("status", "--issuer-id", IssuerId, "--output", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        return JsonNode.Parse(status.Stdout)!;
    }

    /// <summary>ReconcileIssuer as the Functions host invokes it: a queue message posted to /ReconcileIssuer; the log line.</summary>
    private async Task<string> ReconcileIssuerAsync()
    {
        using var answer = await _publisher.Client.PostAsync("ReconcileIssuer", new StringContent(
            $$$"""{"Data": {"issuerId": "{{{IssuerId}}}"}, "Metadata": {"DequeueCount": 1}}""", System.Text.Encoding.UTF8, "application/json"));
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, text);
        return (string)JsonNode.Parse(text)!["Logs"]![0]!;
    }

    /// <summary>A push of the cluster's current keys with a token signed by <paramref name="signer"/> as of <paramref name="now"/>.</summary>
    private async Task<HttpResponseMessage> PushSignedByAsync(AsymmetricAlgorithm signer, DateTimeOffset now)
    {
        var body = new Core.Push.PushRequest
        {
            Issuer = _issuer,
            Jwks = TestTokens.Element(System.Text.Encoding.UTF8.GetString(Core.Documents.JwksDocument.Build(Core.Keys.KeySet.Create(
                _cluster.Keys.Select(k => Core.Keys.ServiceAccountKey.FromSubjectPublicKeyInfo(k.ExportSubjectPublicKeyInfo(), "test", null)))))),
            ObservedAt = now,
            AgentVersion = "0.2.0-e2e",
        }.ToJson();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/PushKeys") { Content = new ByteArrayContent(body) };
        request.Headers.Authorization = new("Bearer", TestTokens.Sign(signer, TestTokens.Claims(_issuer, AgentSubject, Core.Push.PushProtocol.DefaultAudience, now.AddSeconds(-5))));
        request.Headers.Add(Core.Push.PushProtocol.FunctionKeyHeader, InProcessPublisher.PushKey);
        return await _publisher.Client.SendAsync(request);
    }

    private static string Fingerprint(AsymmetricAlgorithm key) => Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo())).ToLowerInvariant();
}
