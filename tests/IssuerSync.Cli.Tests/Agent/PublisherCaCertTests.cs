using System.Security.Cryptography.X509Certificates;
using IssuerSync.Testing;
using IssuerSync.Testing.Cluster;
using IssuerSync.Testing.Push;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary>
/// <c>push</c> and <c>agent run</c> against a loopback HTTPS publisher whose certificate chains to a
/// test CA (through an intermediate it serves): refused naming TLS unless --ca-cert names that CA.
/// </summary>
public sealed class PublisherCaCertTests : IAsyncLifetime
{
    private const string Issuer = "https://oidc.example.com/cluster1";
    private readonly TempDirectory _dir = new();
    private readonly TestCertificates _certificates = new("IssuerSync Publisher CA", withIntermediate: true);
    private readonly TestCertificates _otherCa = new("Some Other CA");
    private FakeApiServer _api = null!;
    private FakePushEndpoint _publisher = null!;

    public static TheoryData<string> Verbs => new() { "push", "agent run" };

    public async Task InitializeAsync()
    {
        _api = await FakeApiServer.StartAsync();
        _publisher = await FakePushEndpoint.StartAsync(_certificates.Leaf, [_certificates.Intermediate!]);
    }

    public async Task DisposeAsync()
    {
        await _publisher.DisposeAsync();
        await _api.DisposeAsync();
        _certificates.Dispose();
        _otherCa.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_SendsThePush_WhenCaCertNamesThePublishersCa(string verb)
    {
        var (code, _, stderr) = await RunAsync(verb, _publisher.BaseUri, "--ca-cert", _dir.Write("ca.pem", _certificates.CaPem));

        Assert.True(code == 0, stderr);
        Assert.Single(_publisher.Pushes);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_RefusesNamingTlsAndSendsNothing_WhenCaCertIsNotGiven(string verb)
    {
        var (code, _, stderr) = await RunAsync(verb, _publisher.BaseUri);

        Assert.NotEqual(0, code);
        Assert.Empty(_publisher.Pushes);
        Assert.Contains($"TLS: the connection to {_publisher.BaseUri.Authority} was refused", stderr);
        Assert.Contains("pass --ca-cert CA.pem", stderr);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_RefusesNamingTlsAndTheChain_WhenCaCertIsAnotherCa(string verb)
    {
        var (code, _, stderr) = await RunAsync(verb, _publisher.BaseUri, "--ca-cert", _dir.Write("other.pem", _otherCa.CaPem));

        Assert.NotEqual(0, code);
        Assert.Empty(_publisher.Pushes);
        Assert.Contains("TLS: the connection to", stderr);
        Assert.Contains("the publisher's certificate (CN=127.0.0.1) chains neither to a system root nor to --ca-cert (", stderr);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_RefusesTheRightCa_WhenTheCertificateDoesNotNameTheHost(string verb)
    {
        // The leaf names 127.0.0.1 only; "localhost" reaches the same listener under another name.
        var byName = new UriBuilder(_publisher.BaseUri) { Host = "localhost" }.Uri;

        var (code, _, stderr) = await RunAsync(verb, byName, "--ca-cert", _dir.Write("ca.pem", _certificates.CaPem));

        Assert.NotEqual(0, code);
        Assert.Empty(_publisher.Pushes);
        Assert.Contains("TLS: the connection to", stderr);
        Assert.Contains("the publisher's certificate does not name its host (RemoteCertificateNameMismatch", stderr);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_StillFollowsNoRedirect_WhenCaCertIsGiven(string verb)
    {
        await using var elsewhere = await FakePushEndpoint.StartAsync();
        var location = new Uri(elsewhere.BaseUri, "api/PushKeys").ToString();
        _publisher.Redirect(System.Net.HttpStatusCode.TemporaryRedirect, location);

        var (code, _, stderr) = await RunAsync(verb, _publisher.BaseUri, "--ca-cert", _dir.Write("ca.pem", _certificates.CaPem));

        Assert.NotEqual(0, code);
        Assert.Contains($"answered 307 redirecting to {location}", stderr);
        Assert.Empty(elsewhere.Pushes);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_ExitsTwoWithOneLine_WhenCaCertIsUnreadable(string verb)
    {
        var missing = _dir.File("missing.pem");
        var notPem = _dir.Write("not.pem", "not a certificate\n");

        var absent = await RunAsync(verb, _publisher.BaseUri, "--ca-cert", missing);
        var garbage = await RunAsync(verb, _publisher.BaseUri, "--ca-cert", notPem);

        Assert.Equal((2, 2), (absent.ExitCode, garbage.ExitCode));
        var line = Assert.Single(absent.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith('{'));
        Assert.StartsWith($"issuersync: error: --ca-cert {missing}: cannot read a PEM certificate", line);
        Assert.Contains($"issuersync: error: --ca-cert {notPem}: no CERTIFICATE block found", garbage.Stderr);
        Assert.Empty(_publisher.Pushes);
    }

    private async Task<CliRun> RunAsync(string verb, Uri publisher, params string[] extra)
    {
        if (verb == "push")
        {
            var bundle = _dir.File(Guid.NewGuid().ToString("N") + ".json");
            var export = await CliRun.RunAsync(
                "agent", "export", "--issuer", Issuer, "--out", bundle, "--token-expiration", "1h",
                "--kubeconfig", _api.WriteKubeconfig(_dir.File("kubeconfig")));
            Assert.True(export.ExitCode == 0, export.Stderr);
            return await CliRun.RunAsync(["push", bundle, "--publisher", publisher.ToString(), "--max-attempts", "1", .. extra]);
        }

        using var rsa = TestKeys.Rsa();
        return await CliRun.RunAsync(
        [
            "agent", "run", "--once", "--publisher", publisher.ToString(), "--issuer", Issuer,
            "--key-file", _dir.Write(Guid.NewGuid().ToString("N") + ".pub", rsa.ExportSubjectPublicKeyInfoPem()),
            "--token-file", _dir.Write(Guid.NewGuid().ToString("N") + ".token", "projected-token-value"),
            "--max-attempts", "1", .. extra,
        ]);
    }
}
