using System.Text.Json;
using IssuerSync.Testing;
using IssuerSync.Testing.Cluster;

namespace IssuerSync.Cli.Tests.Agent;

public sealed class ExportJsonOutputTests : IAsyncLifetime
{
    private const string Issuer = "https://oidc.example.com/cluster1";
    private readonly TempDirectory _dir = new();
    private FakeApiServer _api = null!;

    public async Task InitializeAsync() => _api = await FakeApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task ExportJson_ReportsBundleIssuerKidsAndTokenLifetime_WithoutTheToken()
    {
        var bundlePath = _dir.File("bundle.json");

        var (code, stdout, stderr) = await CliRun.RunAsync(
            "agent", "export", "--issuer", Issuer, "--out", bundlePath, "--output", "json", "--kubeconfig", _api.WriteKubeconfig(_dir.File("kubeconfig")));

        Assert.True(code == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal(bundlePath, root.GetProperty("bundle").GetString());
        Assert.Equal(Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal([_api.KidOf(_api.Keys[0])], root.GetProperty("kids").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("1h", root.GetProperty("tokenAsked").GetString());
        Assert.False(root.GetProperty("tokenCapped").GetBoolean());
        Assert.Empty(root.GetProperty("warnings").EnumerateArray());
        var expiresAt = DateTimeOffset.Parse(root.GetProperty("tokenExpiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        var token = IssuerSync.Core.Push.PushBundle.FromJson(File.ReadAllBytes(bundlePath)).Token;
        Assert.DoesNotContain(token, stdout + stderr);
    }

    [Fact]
    public async Task ExportJson_CarriesTheLifetimeNoteAsAWarning_AndSaysTheApiServerCappedTheToken()
    {
        _api.MaxExpirationSeconds = 3600;

        var (code, stdout, stderr) = await CliRun.RunAsync(
            "agent", "export", "--issuer", Issuer, "--out", _dir.File("b.json"), "--token-expiration", "24h", "--output", "json",
            "--kubeconfig", _api.WriteKubeconfig(_dir.File("kubeconfig")));

        Assert.True(code == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        Assert.True(report.RootElement.GetProperty("tokenCapped").GetBoolean());
        Assert.Equal("24h", report.RootElement.GetProperty("tokenAsked").GetString());
        var warning = Assert.Single(report.RootElement.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.StartsWith("the publisher accepts this 24h token only if the issuer's MaxTokenLifetime is at least that", warning);
    }

    [Fact]
    public async Task Export_IsAUsageError_WhenOutputIsNeitherTableNorJson()
    {
        var (code, _, stderr) = await CliRun.RunAsync(
            "agent", "export", "--issuer", Issuer, "--out", _dir.File("b.json"), "--output", "yaml", "--kubeconfig", _api.WriteKubeconfig(_dir.File("kubeconfig")));

        Assert.Equal(1, code);
        Assert.Contains("yaml", stderr);
        Assert.Empty(_api.TokenRequests);
        Assert.False(File.Exists(_dir.File("b.json")));
    }
}
