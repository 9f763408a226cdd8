using System.Text.Json;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

public sealed class PublishCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Publish_WritesBothDocuments_ThenReportsThemUnchanged()
    {
        using var rsa = TestKeys.Rsa();
        var key = _temp.Write("service.key", TestKeys.PrivatePem(rsa));
        var root = _temp.File("www");

        var first = await CliRun.InvokeAsync("publish", "--issuer", "https://oidc.example.com/c1", "--key", key, "--target", $"dir:{root}");
        var second = await CliRun.InvokeAsync("publish", "--issuer", "https://oidc.example.com/c1", "--key", key, "--target", $"dir:{root}");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("", first.Stderr);
        var lines = first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^jwks\s+written\s+\d+ bytes\s+.*/www/openid/v1/jwks$", lines[0]);
        Assert.Matches(@"^discovery\s+written\s+\d+ bytes\s+.*/www/\.well-known/openid-configuration$", lines[1]);
        Assert.Equal($"kids: +{TestKeys.ExpectedKid(rsa)} (added)", lines[2].TrimEnd('\r'));
        Assert.StartsWith("published: 2 documents, 2 written, 0 unchanged, ", lines[3], StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("", second.Stderr);
        var again = second.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, again.Length);
        Assert.All(again.Take(2), l => Assert.Contains(" unchanged ", l, StringComparison.Ordinal));
        Assert.Equal($"kids: ={TestKeys.ExpectedKid(rsa)} (kept)", again[2].TrimEnd('\r'));
        Assert.Contains("0 written, 2 unchanged", again[3], StringComparison.Ordinal);
        Assert.Contains(", 0 writes)", again[3], StringComparison.Ordinal);

        using var discovery = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, ".well-known", "openid-configuration")));
        Assert.Equal("https://oidc.example.com/c1", discovery.RootElement.GetProperty("issuer").GetString());
        using var jwks = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "openid", "v1", "jwks")));
        var jwk = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(TestKeys.ExpectedKid(rsa), jwk.GetProperty("kid").GetString());
        Assert.False(jwk.TryGetProperty("d", out _));
        Assert.DoesNotContain("PRIVATE", File.ReadAllText(Path.Combine(root, "openid", "v1", "jwks")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_PrintsTheSameBytesAsPublishWrites()
    {
        using var ec = TestKeys.Ec("P-384");
        var key = _temp.Write("sa.pub", TestKeys.PublicPem(ec));
        var root = _temp.File("www");
        await CliRun.InvokeAsync("publish", "--issuer", "https://x.example", "--key", key, "--target", $"dir:{root}");

        var run = await CliRun.InvokeAsync("jwks", "--key", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(root, "openid", "v1", "jwks")) + Environment.NewLine, run.Stdout);
    }

    [Fact]
    public async Task Jwks_WritesExactBytesToOut()
    {
        using var ec = TestKeys.Ec();
        var key = _temp.Write("sa.pub", TestKeys.PublicPem(ec));
        var output = _temp.File("jwks.json");

        var run = await CliRun.InvokeAsync("jwks", "--key", key, "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("{\"keys\":[{\"use\":\"sig\",\"kty\":\"EC\",\"kid\":\"" + TestKeys.ExpectedKid(ec) + "\",\"crv\":\"P-256\",\"alg\":\"ES256\"", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_PrintsKubeApiserverDocument_WithExplicitJwksUri()
    {
        using var rsa = TestKeys.Rsa();
        var key = _temp.Write("sa.pub", TestKeys.PublicPem(rsa));

        var run = await CliRun.InvokeAsync("discovery", "--issuer", "https://x.example/c/", "--jwks-uri", "https://keys.example/jwks", "--key", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "{\"issuer\":\"https://x.example/c/\",\"jwks_uri\":\"https://keys.example/jwks\",\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}" + Environment.NewLine,
            run.Stdout);
    }

    public static TheoryData<string[], int, string> Failures => new()
    {
        { ["jwks", "--key", "{temp}/missing.pem"], 2, "issuersync: error: {temp}/missing.pem: no such file" },
        { ["jwks", "--key", "{temp}"], 2, "issuersync: error: {temp}: is a directory, not a key file" },
        { ["jwks", "--key", "{temp}/empty.pem"], 2, "issuersync: error: {temp}/empty.pem: the file is empty" },
        { ["discovery", "--issuer", "http://x.example", "--key", "{temp}/sa.pub"], 2, "issuersync: error: issuer URL 'http://x.example' must use the https scheme" },
        { ["publish", "--issuer", "https://x.example", "--key", "{temp}/sa.pub", "--target", "ftp://x"], 2, "issuersync: error: target 'ftp://x' is not one this version knows" },
        { ["publish", "--issuer", "https://x.example?a=1", "--key", "{temp}/sa.pub", "--target", "dir:{temp}/www"], 2, "issuersync: error: issuer URL 'https://x.example?a=1' may not include a query" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Verbs_FailWithOneLineNamingTheInput_AndTheDocumentedExitCode(string[] args, int exitCode, string expectedStart)
    {
        using var rsa = TestKeys.Rsa();
        _temp.Write("sa.pub", TestKeys.PublicPem(rsa));
        _temp.Write("empty.pem", "");

        var run = await CliRun.InvokeAsync(args.Select(a => a.Replace("{temp}", _temp.Path)).ToArray());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith(expectedStart.Replace("{temp}", _temp.Path), run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists(_temp.File("www")));
    }

    [Theory]
    [InlineData("jwks")]
    [InlineData("discovery")]
    [InlineData("publish")]
    public async Task Help_ExplainsEveryVerbWithAnExample(string verb)
    {
        var run = await CliRun.InvokeAsync(verb, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Example", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"issuersync {verb} ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredOption_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("publish", "--issuer", "https://x.example");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--key", run.Stderr, StringComparison.Ordinal);
    }
}
