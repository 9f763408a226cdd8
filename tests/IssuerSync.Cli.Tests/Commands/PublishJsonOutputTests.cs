using System.Text.Json;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary><c>publish --output json</c>: what a script reads from stdout, for a directory target.</summary>
public sealed class PublishJsonOutputTests : IDisposable
{
    private const string Issuer = "https://oidc.example.com/c1";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PublishJson_ReportsIssuerTargetDocumentsKidsAndRequests_ThenUnchanged()
    {
        using var rsa = TestKeys.Rsa();
        var key = _temp.Write("sa.pub", TestKeys.PublicPem(rsa));
        var root = _temp.File("www");
        var kid = TestKeys.ExpectedKid(rsa);

        var first = await CliRun.InvokeAsync("publish", "--issuer", Issuer, "--key", key, "--target", $"dir:{root}", "--output", "json");
        var second = await CliRun.InvokeAsync("publish", "--issuer", Issuer, "--key", key, "--target", $"dir:{root}", "-o", "json");

        Assert.Equal((0, ""), (first.ExitCode, first.Stderr));
        using var written = JsonDocument.Parse(first.Stdout);
        var report = written.RootElement;
        Assert.Equal(Issuer, report.GetProperty("issuer").GetString());
        Assert.Equal($"{Issuer}/openid/v1/jwks", report.GetProperty("jwksUri").GetString());
        Assert.Equal($"dir:{root}", report.GetProperty("target").GetString());
        Assert.False(report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(
            [
                ("jwks", "openid/v1/jwks", "written", Path.Combine(root, "openid", "v1", "jwks")),
                ("discovery", ".well-known/openid-configuration", "written", Path.Combine(root, ".well-known", "openid-configuration")),
            ],
            Documents(report));
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "openid", "v1", "jwks")).Length, report.GetProperty("documents")[0].GetProperty("bytes").GetInt32());
        Assert.Equal((2, 0), (report.GetProperty("written").GetInt32(), report.GetProperty("unchanged").GetInt32()));
        Assert.Equal((kid, "", ""), Kids(report));
        Assert.Equal(2, report.GetProperty("requests").GetProperty("writes").GetInt64());

        Assert.Equal((0, ""), (second.ExitCode, second.Stderr));
        using var unchanged = JsonDocument.Parse(second.Stdout);
        Assert.All(Documents(unchanged.RootElement), d => Assert.Equal("unchanged", d.Status));
        Assert.Equal(("", kid, ""), Kids(unchanged.RootElement));
        Assert.Equal(0, unchanged.RootElement.GetProperty("requests").GetProperty("writes").GetInt64());
    }

    [Fact]
    public async Task PublishJson_SaysWouldWriteAndDryRun_AndWritesNothing_WhenDryRun()
    {
        using var ec = TestKeys.Ec();
        var key = _temp.Write("sa.pub", TestKeys.PublicPem(ec));
        var root = _temp.File("www");

        var run = await CliRun.InvokeAsync("publish", "--issuer", Issuer, "--key", key, "--target", $"dir:{root}", "--dry-run", "--output", "json");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.True(json.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["wouldWrite", "wouldWrite"], Documents(json.RootElement).Select(d => d.Status));
        Assert.Equal(0, json.RootElement.GetProperty("requests").GetProperty("writes").GetInt64());
        Assert.False(Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Any(File.Exists));
    }

    [Fact]
    public async Task PublishJson_KeepsStdoutOneJsonDocument_AndWarnsOnStderr_WhenAServedKidIsRemoved()
    {
        using var old = TestKeys.Rsa();
        using var next = TestKeys.Rsa();
        var root = _temp.File("www");
        await CliRun.InvokeAsync("publish", "--issuer", Issuer, "--key", _temp.Write("old.pub", TestKeys.PublicPem(old)), "--target", $"dir:{root}");

        var run = await CliRun.InvokeAsync("publish", "--issuer", Issuer, "--key", _temp.Write("next.pub", TestKeys.PublicPem(next)), "--target", $"dir:{root}", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal((TestKeys.ExpectedKid(next), "", TestKeys.ExpectedKid(old)), Kids(json.RootElement));
        Assert.StartsWith($"issuersync: warning: kid {TestKeys.ExpectedKid(old)} is still published at ", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("JSON")]
    [InlineData("")]
    public async Task Publish_IsAUsageError_WhenOutputIsNeitherTableNorJson(string output)
    {
        var run = await CliRun.InvokeAsync("publish", "--issuer", Issuer, "--key", "k.pem", "--target", "dir:x", "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"'{output}'", run.Stderr, StringComparison.Ordinal);
    }

    private static List<(string Name, string Path, string Status, string Location)> Documents(JsonElement report)
        => report.GetProperty("documents").EnumerateArray()
            .Select(d => (d.GetProperty("name").GetString()!, d.GetProperty("path").GetString()!, d.GetProperty("status").GetString()!, d.GetProperty("location").GetString()!))
            .ToList();

    /// <summary>The kid diff, each list joined with ", ".</summary>
    private static (string Added, string Kept, string Removed) Kids(JsonElement report)
    {
        var kids = report.GetProperty("kids");
        return (Strings(kids.GetProperty("added")), Strings(kids.GetProperty("kept")), Strings(kids.GetProperty("removed")));

        static string Strings(JsonElement array) => string.Join(", ", array.EnumerateArray().Select(e => e.GetString()));
    }
}
