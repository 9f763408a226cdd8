using IssuerSync.Publisher.Configuration;
using IssuerSync.Testing;
using Microsoft.Extensions.Configuration;

namespace IssuerSync.Publisher.Tests.Configuration;

public sealed class PublisherSettingsReaderTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["IssuerSync:StateStore"] = "azblob:https://acct.blob.core.windows.net/issuersync-state",
        ["IssuerSync:Connection"] = "AzureWebJobsStorage",
        ["IssuerSync:Issuers:0:Id"] = "factory-1",
        ["IssuerSync:Issuers:0:Issuer"] = "https://acct.blob.core.windows.net/oidc/factory-1",
        ["IssuerSync:Issuers:0:Target"] = "azblob:https://acct.blob.core.windows.net/oidc/factory-1",
        ["IssuerSync:Issuers:0:AgentSubject"] = "system:serviceaccount:issuersync:agent",
        ["IssuerSync:Issuers:1:Id"] = "edge",
        ["IssuerSync:Issuers:1:Issuer"] = "https://oidc.example.com/edge",
        ["IssuerSync:Issuers:1:Target"] = "s3://oidc-bucket/edge",
        ["IssuerSync:Issuers:1:AgentSubject"] = "system:serviceaccount:issuersync:agent",
        ["IssuerSync:Issuers:1:Region"] = "eu-west-1",
        ["IssuerSync:Issuers:1:RetentionWindow"] = "14.00:00:00",
        ["IssuerSync:Issuers:1:RequireApprovalForNewKeys"] = "true",
        ["IssuerSync:Issuers:1:PublicBaseUrl"] = "https://oidc.example.com/edge",
    };

    [Fact]
    public void Read_ReadsEverySetting_WithDefaultsForTheRest()
    {
        var settings = PublisherSettingsReader.Read(Configuration(Valid));

        Assert.Equal("AzureWebJobsStorage", settings.Connection);
        Assert.Equal("0 */5 * * * *", settings.ReconcileSchedule);
        Assert.Equal(TimeSpan.FromHours(2), settings.StaleAfter);
        Assert.Equal(["factory-1", "edge"], settings.Issuers.Select(i => i.Id));
        var edge = settings.Issuers[1];
        Assert.Equal(TimeSpan.FromDays(14), edge.Registration.RetentionWindow);
        Assert.True(edge.Registration.RequireApprovalForNewKeys);
        Assert.Equal("eu-west-1", edge.Region);
        Assert.Equal(new Uri("https://oidc.example.com/edge"), edge.PublicBaseUrl);
        Assert.Equal(TimeSpan.FromHours(1), settings.Issuers[0].Registration.MaxTokenLifetime);
        Assert.Equal("public, max-age=300", settings.Issuers[0].Registration.CacheControl);
    }

    [Fact]
    public void Read_ListsEveryProblemAtOnce_EachNamingTheSettingAndTheFix()
    {
        var broken = new Dictionary<string, string?>(Valid)
        {
            ["IssuerSync:StateStore"] = "s3://state",
            ["IssuerSync:StaleAfter"] = "two hours",
            ["IssuerSync:Issuers:0:RetentionWindow"] = "7 days",
            ["IssuerSync:Issuers:0:RequireApprovalForNewKeys"] = "yes",
            ["IssuerSync:Issuers:1:Issuer"] = "http://oidc.example.com/edge",
            ["IssuerSync:Issuers:1:PublicBaseUrl"] = "oidc.example.com",
        };

        var error = Assert.Throws<PublisherConfigurationException>(() => PublisherSettingsReader.Read(Configuration(broken)));

        Assert.Contains(error.Problems, p => p.StartsWith("IssuerSync__StateStore = 's3://state': use azblob:URL", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("IssuerSync__StaleAfter = 'two hours': not a duration", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("IssuerSync__Issuers__0__RetentionWindow = '7 days': not a duration; write days.hours:minutes:seconds", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p == "IssuerSync__Issuers__0__RequireApprovalForNewKeys = 'yes': write true or false");
        Assert.Contains(error.Problems, p => p == "IssuerSync__Issuers__1__PublicBaseUrl = 'oidc.example.com': not an absolute http(s) URL");
        Assert.Contains(error.Problems, p => p.StartsWith("issuers[edge].Issuer = 'http://oidc.example.com/edge'", StringComparison.Ordinal));
        Assert.Equal(6, error.Problems.Count);
        Assert.StartsWith("6 problem(s) in the publisher's settings:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AsksForTheStateStoreAndAnIssuer_WhenNothingIsSet()
    {
        var error = Assert.Throws<PublisherConfigurationException>(() => PublisherSettingsReader.Read(Configuration([])));

        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("IssuerSync__StateStore is not set", error.Problems[0], StringComparison.Ordinal);
        Assert.Equal("issuers = '(none)': register at least one issuer", error.Problems[1]);
    }

    [Fact]
    public void Read_ReadsEnvironmentVariablesNestedWithDoubleUnderscores_AndAJsonFile()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("publisher.json", """
            { "IssuerSync": { "StateStore": "dir:/var/lib/issuersync", "Issuers": [
              { "Id": "lab", "Issuer": "https://oidc.example.com/lab", "Target": "dir:/srv/oidc/lab", "AgentSubject": "system:serviceaccount:issuersync:agent" } ] } }
            """);
        Environment.SetEnvironmentVariable("ISSUERSYNC_TEST__IssuerSync__Issuers__0__MaxTokenLifetime", "00:30:00");
        try
        {
            var configuration = new ConfigurationBuilder().AddJsonFile(file).AddEnvironmentVariables("ISSUERSYNC_TEST__").Build();

            var settings = PublisherSettingsReader.Read(configuration);

            Assert.Equal("dir:/var/lib/issuersync", settings.StateStore);
            Assert.Equal(TimeSpan.FromMinutes(30), Assert.Single(settings.Issuers).Registration.MaxTokenLifetime);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ISSUERSYNC_TEST__IssuerSync__Issuers__0__MaxTokenLifetime", null);
        }
    }

    [Fact]
    public void Create_ListsAConnectionThatNamesAMissingAppSetting()
    {
        var settings = PublisherSettingsReader.Read(Configuration(new Dictionary<string, string?>(Valid) { ["IssuerSync:Issuers:0:Connection"] = "DocsStorage" }));

        var error = Assert.Throws<PublisherConfigurationException>(() => PublisherApp.Create(settings, new PublisherDependencies { Setting = _ => null }));

        Assert.Contains(error.Problems, p => p.StartsWith("IssuerSync__StateStore = 'azblob:https://acct.blob.core.windows.net/issuersync-state': IssuerSync__Connection names the app setting 'AzureWebJobsStorage', which is not set", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
