using System.Net;
using System.Net.Sockets;
using IssuerSync.Cli.Tests.Verify;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Operators;

/// <summary>How the verbs reach the publisher: https or loopback http, no redirect, TLS, the key, timeouts, interruption.</summary>
public sealed class TransportTests : OperatorTest
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Verb_ExitsThreeNamingTheLocationAndNeverContactsIt_WhenThePublisherRedirects(int status)
    {
        await using var elsewhere = new FakeOperatorApi(Certificates);
        var location = $"{elsewhere.Https}/api/issuers/factory-1/approve";
        Publisher.Override = new FakeOperatorApi.Answer(status, Headers: new Dictionary<string, string> { ["Location"] = location });

        var run = await Verb("approve", "--issuer-id", "factory-1", "--fingerprint", FingerprintOf(KeyB), "--operator", "alice");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            $"issuersync: error: the publisher answered approve for issuer factory-1 with {status} {(HttpStatusCode)status}, a redirect to {location}: " +
            "IssuerSync follows no redirect, so the function key never goes to another address. Hint: pass the address the publisher really answers at as --publisher" + Environment.NewLine,
            run.Stderr);
        Assert.Empty(elsewhere.Requests);
        Assert.Single(Publisher.Requests);
    }

    [Fact]
    public async Task Verb_ExitsThreeSayingSo_WhenARedirectHasNoLocation()
    {
        Publisher.Override = new FakeOperatorApi.Answer(302);

        var run = await Verb("status");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("with 302 Found, a redirect to (no Location header)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_SpeaksPlainHttp_WhenThePublisherIsOnLoopback()
    {
        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Http, "--function-key-file", KeyFile, "--issuer-id", "factory-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(FakeOperatorApi.FunctionKey, OnlyRequest().Headers["x-functions-key"]);
    }

    [Theory]
    [InlineData("http://issuersync-func.azurewebsites.net", "plain http would expose the function key on the network; use https")]
    [InlineData("http://10.0.0.1:8080", "plain http would expose the function key on the network; use https")]
    [InlineData("http://localhost.example.com", "plain http would expose the function key on the network; use https")]
    [InlineData("http://127.0.0.1.nip.io", "plain http would expose the function key on the network; use https")]
    [InlineData("ftp://issuersync-func.azurewebsites.net", "not an absolute https URL")]
    [InlineData("issuersync-func.azurewebsites.net", "not an absolute https URL")]
    [InlineData("https://user:pass@issuersync-func.azurewebsites.net", "has a query, fragment or user info; give the base URL only (the function key goes in --function-key-file)")]
    [InlineData("https://issuersync-func.azurewebsites.net/?code=secret", "has a query, fragment or user info; give the base URL only (the function key goes in --function-key-file)")]
    [InlineData("https://issuersync-func.azurewebsites.net/#x", "has a query, fragment or user info; give the base URL only (the function key goes in --function-key-file)")]
    public async Task Verb_ExitsTwoBeforeSendingAnything_WhenThePublisherUrlWouldExposeTheKey(string publisher, string detail)
    {
        var run = await CliRun.InvokeAsync("status", "--publisher", publisher, "--function-key-file", KeyFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"issuersync: error: --publisher '{publisher}': {detail}. Hint: pass the function app's base URL, e.g. https://issuersync-func.azurewebsites.net" + Environment.NewLine, run.Stderr);
    }

    [Fact]
    public async Task Verb_ExitsThreeWithTheTlsReasonAndSendsNoRequest_WhenTheCertificateIsNotTrusted()
    {
        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Https, "--function-key-file", KeyFile);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"issuersync: error: cannot reach the publisher at {Publisher.Https}/ (TLS: the certificate of 127.0.0.1 is not trusted (", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("for a publisher behind a private CA pass --ca-cert CA.pem", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Publisher.Requests);
    }

    [Fact]
    public async Task Verb_ExitsThreeAndSendsNoRequest_WhenTheCertificateChainsToAnotherCa()
    {
        using var other = new TestCertificates("Some Other CA");
        var otherCa = Temp.Write("other-ca.pem", other.CaPem);

        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Https, "--ca-cert", otherCa, "--function-key-file", KeyFile);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("(TLS: the certificate of 127.0.0.1 chains neither to a public root nor to --ca-cert (", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Publisher.Requests);
    }

    [Fact]
    public async Task Verb_ExitsThreeNamingTheTimeout_WhenThePublisherIsSlow()
    {
        Publisher.Delay = TimeSpan.FromSeconds(5);

        var run = await Verb("status", "--issuer-id", "factory-1", "--timeout", "1s");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"issuersync: error: the publisher at {Publisher.Https}/ did not answer status of issuer factory-1 within 1 s. Hint: check that it is running, or pass a longer --timeout" + Environment.NewLine, run.Stderr);
    }

    [Fact]
    public async Task Verb_Exits130_WhenInterrupted()
    {
        Publisher.Delay = TimeSpan.FromSeconds(10);
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var run = await CliRun.RunAsync(["status", "--publisher", Publisher.Https, "--ca-cert", CaFile, "--function-key-file", KeyFile], interrupt.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("issuersync: cancelled" + Environment.NewLine, run.Stderr);
    }

    [Fact]
    public async Task Verb_ExitsThree_WhenNothingListensAtThePublisher()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await CliRun.InvokeAsync("status", "--publisher", $"http://127.0.0.1:{port}", "--function-key-file", KeyFile);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"issuersync: error: cannot reach the publisher at http://127.0.0.1:{port}/ (Connection refused", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../PushKeys")]
    [InlineData("..")]
    [InlineData("factory-1/approve")]
    [InlineData("factory-1?x=1")]
    [InlineData("factory-1%2Fapprove")]
    [InlineData("Factory-1")]
    [InlineData("-factory")]
    [InlineData("factory-1\n")]
    [InlineData("")]
    [InlineData("fäctory")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Verb_ExitsTwoAndSendsNothing_WhenTheIssuerIdIsNotAnId(string id)
    {
        var run = await Verb("publish-now", "--issuer-id", id);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Publisher.Requests);
        Assert.StartsWith($"issuersync: error: --issuer-id '{id}': not an issuer id. Hint: use the id of the issuer's registration", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_ExitsTwoAndSendsNothing_WhenTheKeyFileIsMissing()
    {
        var missing = Temp.File("nope.key");

        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Http, "--function-key-file", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Publisher.Requests);
        Assert.StartsWith($"issuersync: error: --function-key-file '{missing}': cannot be read (Could not find file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_ExitsTwoAndSendsNothing_WhenTheKeyFileIsEmpty()
    {
        var empty = Temp.Write("empty.key", "\n");

        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Http, "--function-key-file", empty);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Publisher.Requests);
        Assert.StartsWith($"issuersync: error: --function-key-file '{empty}': is empty.", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key\r\nX-Injected: 1")]
    [InlineData("key\nsecond-line")]
    [InlineData("two words")]
    [InlineData("kéy")]
    [InlineData("key\u0000")]
    public async Task Verb_ExitsTwoAndSendsNothing_WhenTheKeyCouldNotBeAHeaderValue(string key)
    {
        var file = Temp.Write("bad.key", key);

        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Http, "--function-key-file", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Publisher.Requests);
        Assert.Equal($"issuersync: error: --function-key-file '{file}': the key holds a space, line break or non-ASCII character, which no function key has. Hint: put the key alone on one line" + Environment.NewLine, run.Stderr);
    }

    [Fact]
    public async Task Verb_ExitsTwo_WhenTheCaCertIsNotPem()
    {
        var notPem = Temp.Write("ca.txt", "not a certificate");

        var run = await CliRun.InvokeAsync("status", "--publisher", Publisher.Https, "--ca-cert", notPem, "--function-key-file", KeyFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Publisher.Requests);
        Assert.StartsWith($"issuersync: error: --ca-cert {notPem}: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verb_SendsTheKeyFromTheEnvironment_WhenNoKeyFileIsGiven()
    {
        var (code, stdout, stderr) = Shell(
            $"issuersync status --publisher {Publisher.Http} --issuer-id factory-1",
            new Dictionary<string, string> { ["ISSUERSYNC_FUNCTION_KEY"] = FakeOperatorApi.FunctionKey });

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal(FakeOperatorApi.FunctionKey, OnlyRequest().Headers["x-functions-key"]);
        Assert.DoesNotContain(FakeOperatorApi.FunctionKey, stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("revoke")]
    [InlineData("status")]
    [InlineData("publish-now")]
    public async Task Help_ShowsAnExampleAndEveryCommonOption(string verb)
    {
        var run = await CliRun.InvokeAsync(verb, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Example", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"    issuersync {verb} --publisher https://", run.Stdout, StringComparison.Ordinal);
        foreach (var option in new[] { "--publisher", "--issuer-id", "--function-key-file", "--ca-cert", "--output", "--timeout" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--output", "yaml")]
    [InlineData("--timeout", "soon")]
    public async Task Verb_ExitsOne_WhenAnOptionValueIsNotAccepted(string option, string value)
    {
        var run = await Verb("status", option, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(Publisher.Requests);
    }
}
