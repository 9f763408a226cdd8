using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>
/// One rule for issuer URLs in every verb: what <c>verify</c> rejects as an issuer, <c>publish</c> and
/// <c>discovery</c> refuse too, before writing anything.
/// </summary>
public sealed class IssuerRuleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Discovery-document and other /.well-known/ URLs in every spelling, with the issuer meant.</summary>
    public static TheoryData<string, string> WellKnownUrls => new()
    {
        { "https://oidc.example.com/c1/.well-known/openid-configuration", "https://oidc.example.com/c1" },
        { "https://oidc.example.com/.well-known/openid-configuration", "https://oidc.example.com" },
        { "https://oidc.example.com/c1/.well-known/openid-configuration/", "https://oidc.example.com/c1" },
        { "https://oidc.example.com/c1/.WELL-KNOWN/openid-configuration", "https://oidc.example.com/c1" },
        { "https://oidc.example.com/c1/%2Ewell-known/openid-configuration", "https://oidc.example.com/c1" },
        { "https://oidc.example.com/c1/%2ewell%2Dknown/openid-configuration", "https://oidc.example.com/c1" },
        { "https://oidc.example.com/c1/.well-known/jwks.json", "https://oidc.example.com/c1" },
        { "https://oidc.example.com/c1/.well-known", "https://oidc.example.com/c1" },
        { "https://oidc.example.com/c1/.well-known/", "https://oidc.example.com/c1" },
    };

    [Theory]
    [MemberData(nameof(WellKnownUrls))]
    public async Task Publish_Exits2NamingTheIssuerMeant_AndWritesNothing_WhenGivenAWellKnownUrl(string url, string meant)
    {
        var root = _temp.File("www");

        var run = await CliRun.InvokeAsync("publish", "--issuer", url, "--key", Key(), "--target", $"dir:{root}");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith($"issuersync: error: issuer URL '{url}' is a discovery document URL (a /.well-known/ path), not an issuer: ", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith($"Hint: give the issuer '{meant}'\n", run.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }

    [Theory]
    [MemberData(nameof(WellKnownUrls))]
    public async Task Discovery_Exits2NamingTheIssuerMeant_WhenGivenAWellKnownUrl(string url, string meant)
    {
        var run = await CliRun.InvokeAsync("discovery", "--issuer", url, "--key", Key());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.EndsWith($"Hint: give the issuer '{meant}'\n", run.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WellKnownUrls))]
    public async Task Verify_RejectsTheSameUrls_NamingTheSameIssuer(string url, string meant)
    {
        var run = await CliRun.InvokeAsync("verify", url, "--output", "json");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("ISSUER_URL_INVALID", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"give the issuer: '{meant}'", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://oidc.example.com/well-known/c1")]
    [InlineData("https://oidc.example.com/c1/.well-known-clusters")]
    [InlineData("https://oidc.example.com/c1.well-known")]
    public async Task Discovery_AcceptsTheIssuer_WhenWellKnownIsOnlyPartOfASegment(string issuer)
    {
        var run = await CliRun.InvokeAsync("discovery", "--issuer", issuer, "--key", Key());

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith($"{{\"issuer\":\"{issuer}\"", run.Stdout, StringComparison.Ordinal);
    }

    private string Key() => _temp.NewRsaPublicKeyFile();
}
