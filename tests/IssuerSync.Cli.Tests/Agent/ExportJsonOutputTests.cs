using System.Text.Json;
using IssuerSync.Testing.Agent;

namespace IssuerSync.Cli.Tests.Agent;

public sealed class ExportJsonOutputTests : AgentWorldTests
{
    [Fact]
    public async Task ExportJson_ReportsBundleIssuerKidsAndTokenLifetime_WithoutTheToken()
    {
        var bundlePath = Dir.File("bundle.json");

        var (code, stdout, stderr) = await CliRun.RunAsync(World.ExportArgs(bundlePath, "--output", "json"));

        Assert.True(code == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal(bundlePath, root.GetProperty("bundle").GetString());
        Assert.Equal(Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal([Api.KidOf(Api.Keys[0])], root.GetProperty("kids").EnumerateArray().Select(k => k.GetString()));
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
        Api.MaxExpirationSeconds = 3600;

        var (code, stdout, stderr) = await CliRun.RunAsync(World.ExportArgs(Dir.File("b.json"), "--token-expiration", "24h", "--output", "json"));

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
        var (code, _, stderr) = await CliRun.RunAsync(World.ExportArgs(Dir.File("b.json"), "--output", "yaml"));

        Assert.Equal(1, code);
        Assert.Contains("yaml", stderr);
        Assert.Empty(Api.TokenRequests);
        Assert.False(File.Exists(Dir.File("b.json")));
    }
}
