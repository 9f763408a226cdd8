using System.Security.Cryptography.X509Certificates;
using IssuerSync.Testing;
using IssuerSync.Testing.Agent;
using IssuerSync.Testing.Push;

namespace IssuerSync.Cli.Tests.Agent;

/// <summary>
/// <c>push</c> and <c>agent run</c> against a loopback HTTPS publisher whose certificate chains to a
/// test CA (through an intermediate it serves): refused naming TLS unless --ca-cert names that CA.
/// </summary>
public sealed class PublisherCaCertTests : AgentWorldTests, IDisposable
{
    private readonly TestCertificates _certificates = new("IssuerSync Publisher CA", withIntermediate: true);
    private readonly TestCertificates _otherCa = new("Some Other CA");

    public static TheoryData<string> Verbs => new() { "push", "agent run" };

    protected override AgentWorldOptions Options => new() { PublisherCertificates = _certificates };

    public void Dispose()
    {
        _certificates.Dispose();
        _otherCa.Dispose();
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_SendsThePush_WhenCaCertNamesThePublishersCa(string verb)
    {
        var (code, _, stderr) = await RunAsync(verb, Publisher.BaseUri, "--ca-cert", Dir.Write("ca.pem", _certificates.CaPem));

        Assert.True(code == 0, stderr);
        Assert.Single(Publisher.Pushes);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_RefusesNamingTlsAndSendsNothing_WhenCaCertIsNotGiven(string verb)
    {
        var (code, _, stderr) = await RunAsync(verb, Publisher.BaseUri);

        Assert.NotEqual(0, code);
        Assert.Empty(Publisher.Pushes);
        Assert.Contains($"TLS: the connection to {Publisher.BaseUri.Authority} was refused", stderr);
        Assert.Contains("pass --ca-cert CA.pem", stderr);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_RefusesNamingTlsAndTheChain_WhenCaCertIsAnotherCa(string verb)
    {
        var (code, _, stderr) = await RunAsync(verb, Publisher.BaseUri, "--ca-cert", Dir.Write("other.pem", _otherCa.CaPem));

        Assert.NotEqual(0, code);
        Assert.Empty(Publisher.Pushes);
        Assert.Contains("TLS: the connection to", stderr);
        Assert.Contains("the publisher's certificate (CN=127.0.0.1) chains neither to a system root nor to --ca-cert (", stderr);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_RefusesTheRightCa_WhenTheCertificateDoesNotNameTheHost(string verb)
    {
        // The leaf names 127.0.0.1 only; "localhost" reaches the same listener under another name.
        var byName = new UriBuilder(Publisher.BaseUri) { Host = "localhost" }.Uri;

        var (code, _, stderr) = await RunAsync(verb, byName, "--ca-cert", Dir.Write("ca.pem", _certificates.CaPem));

        Assert.NotEqual(0, code);
        Assert.Empty(Publisher.Pushes);
        Assert.Contains("TLS: the connection to", stderr);
        Assert.Contains("the publisher's certificate does not name its host (RemoteCertificateNameMismatch", stderr);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_StillFollowsNoRedirect_WhenCaCertIsGiven(string verb)
    {
        await using var elsewhere = await FakePushEndpoint.StartAsync();
        var location = new Uri(elsewhere.BaseUri, "api/PushKeys").ToString();
        Publisher.Redirect(System.Net.HttpStatusCode.TemporaryRedirect, location);

        var (code, _, stderr) = await RunAsync(verb, Publisher.BaseUri, "--ca-cert", Dir.Write("ca.pem", _certificates.CaPem));

        Assert.NotEqual(0, code);
        Assert.Contains($"answered 307 redirecting to {location}", stderr);
        Assert.Empty(elsewhere.Pushes);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_ExitsTwoWithOneLine_WhenCaCertIsUnreadable(string verb)
    {
        var missing = Dir.File("missing.pem");
        var notPem = Dir.Write("not.pem", "not a certificate\n");

        var absent = await RunAsync(verb, Publisher.BaseUri, "--ca-cert", missing);
        var garbage = await RunAsync(verb, Publisher.BaseUri, "--ca-cert", notPem);

        Assert.Equal((2, 2), (absent.ExitCode, garbage.ExitCode));
        var line = Assert.Single(absent.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith('{'));
        Assert.StartsWith($"issuersync: error: --ca-cert {missing}: cannot read a PEM certificate", line);
        Assert.Contains($"issuersync: error: --ca-cert {notPem}: no CERTIFICATE block found", garbage.Stderr);
        Assert.Empty(Publisher.Pushes);
    }

    private async Task<CliRun> RunAsync(string verb, Uri publisher, params string[] extra)
    {
        if (verb == "push")
        {
            var bundle = Dir.File(Guid.NewGuid().ToString("N") + ".json");
            var export = await CliRun.RunAsync(World.ExportArgs(bundle, "--token-expiration", "1h"));
            Assert.True(export.ExitCode == 0, export.Stderr);
            return await CliRun.RunAsync(["push", bundle, "--publisher", publisher.ToString(), "--max-attempts", "1", .. extra]);
        }

        return await CliRun.RunAsync(AgentWorld.AgentRun(World.KeyFileArgs(publisher, ["--once", "--max-attempts", "1", .. extra])));
    }
}
