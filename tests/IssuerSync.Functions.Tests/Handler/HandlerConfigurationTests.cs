using IssuerSync.Testing.Handler;

namespace IssuerSync.Functions.Tests.Handler;

/// <summary>The handler refuses a wrong configuration before listening: every problem at once, exit code 2.</summary>
public sealed class HandlerConfigurationTests
{
    [Fact]
    public async Task Handler_ListsEveryProblemAndExits2_WhenSettingsAreMissingOrWrong()
    {
        var (exitCode, _, stderr) = await HandlerProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["IssuerSync__Issuers__0__Id"] = "Prod_1",
            ["IssuerSync__Issuers__0__Issuer"] = "http://oidc.example.com/prod?x=1",
            ["IssuerSync__Issuers__0__RetentionWindow"] = "a week",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT is not set", stderr);
        Assert.Contains("IssuerSync__StateStore is not set", stderr);
        Assert.Contains("IssuerSync__Issuers__0__RetentionWindow = 'a week': not a duration", stderr);
        Assert.Contains("Prod_1", stderr);
        Assert.Contains("http://oidc.example.com/prod?x=1", stderr);
        Assert.Matches(@"issuersync-functions: \d+ configuration problem\(s\); the handler does not start", stderr);
        Assert.True(stderr.Split('\n').Count(l => l.StartsWith("issuersync-functions: configuration error:", StringComparison.Ordinal)) >= 5, stderr);
    }

    [Theory]
    [InlineData("0", "'0' is not a TCP port")]
    [InlineData("70000", "'70000' is not a TCP port")]
    [InlineData("http", "'http' is not a TCP port")]
    public async Task Handler_Exits2_WhenThePortIsNotAPort(string port, string message)
    {
        using var world = new PublisherWorld();
        var settings = world.Settings();
        settings["FUNCTIONS_CUSTOMHANDLER_PORT"] = port;
        var (exitCode, _, stderr) = await HandlerProcess.RunToExitAsync(settings);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task Handler_ReadsTheSettingsFile_WhenIssuerSyncConfigFileNamesOne()
    {
        using var world = new PublisherWorld();
        var file = world.Folder.Write("publisher.json", $$"""
            {"IssuerSync": {"StateStore": "dir:{{world.StateFolder}}", "Issuers": [
              {"Id": "prod", "Issuer": "{{PublisherWorld.ProdIssuer}}", "Target": "dir:{{world.Documents("prod")}}", "AgentSubject": "{{PublisherWorld.Agent}}"}]}
            }
            """);
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string> { ["IssuerSync__ConfigFile"] = file });
        var answer = await handler.Client.PostAsync("Reconcile", new StringContent("{\"Data\":{\"timer\":{}},\"Metadata\":{}}"));
        Assert.Contains("\"reconcile\":[\"prod\"]", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Handler_Exits2_WhenTheSettingsFileIsMissing()
    {
        var (exitCode, _, stderr) = await HandlerProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7072",
            ["IssuerSync__ConfigFile"] = "/nonexistent/publisher.json",
        });
        Assert.Equal(2, exitCode);
        Assert.Contains("IssuerSync__ConfigFile = '/nonexistent/publisher.json': no such file", stderr);
    }
}
