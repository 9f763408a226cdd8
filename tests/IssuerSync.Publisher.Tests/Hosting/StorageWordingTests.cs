using IssuerSync.Core.Push;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Services;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.Hosting;

/// <summary>A function app has no flags: the storage adapters' hints come out naming the issuer's app settings.</summary>
public sealed class StorageWordingTests : IDisposable
{
    private const string Cdn = "https://cdn.example.com/prod";

    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(StateWorld.Now);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ApproveAndPush_SayWhichAppSettingToFix_WhenTheTargetIsNotServedAtTheIssuer()
    {
        var documents = _temp.File("documents");
        var settings = PublisherSettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IssuerSync:StateStore"] = "dir:" + _temp.File("state"),
            ["IssuerSync:Issuers:0:Id"] = "prod",
            ["IssuerSync:Issuers:0:Issuer"] = StateWorld.Issuer,
            ["IssuerSync:Issuers:0:Target"] = "dir:" + documents,
            ["IssuerSync:Issuers:0:AgentSubject"] = StateWorld.Agent,
            ["IssuerSync:Issuers:0:PublicBaseUrl"] = Cdn,
        }).Build());
        var app = PublisherApp.Create(settings, new PublisherDependencies { Time = _clock, StateStore = new DirectoryStateStore(_temp.File("state")) });
        var expected =
            $"dir:{documents}: the issuer '{StateWorld.Issuer}' would be unreachable: this target serves the discovery document at {Cdn}/.well-known/openid-configuration " +
            $"but clouds fetch {StateWorld.Issuer}/.well-known/openid-configuration; nothing was written. " +
            $"Hint: publish to the target whose URL is the issuer, or set IssuerSync__Issuers__0__PublicBaseUrl to {StateWorld.Issuer} when a CDN, static website or custom domain serves this target at the issuer URL " +
            "(the state is recorded; the next reconcile publishes it)";

        Assert.Equal(202, (await app.Push.PushAsync(StateWorld.Body(_clock.GetUtcNow(), StateWorld.Signer), StateWorld.Token(_clock.GetUtcNow()), null)).HttpStatus);
        var approved = await app.Operators.ApproveAsync("prod", Services.PublisherWorldApproval.For(StateWorld.Signer));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var pushed = await app.Push.PushAsync(StateWorld.Body(_clock.GetUtcNow(), StateWorld.Signer, TestKeys.Ec()), StateWorld.Token(_clock.GetUtcNow()), null);

        Assert.Equal(200, approved.HttpStatus);
        var approveSummary = ((OperatorResponse)approved.Body).Publish!;
        Assert.Equal((PublishSummary.Failed, expected), (approveSummary.Status, approveSummary.Message));
        Assert.Equal(200, pushed.HttpStatus);
        Assert.Equal((PublishSummary.Failed, expected), (pushed.Response.Publish!.Status, pushed.Response.Publish.Message));
        Assert.False(Directory.Exists(documents));
    }

    [Theory]
    [InlineData("s3://oidc-bucket/edge", "target 's3://oidc-bucket/edge' needs the bucket's region. Hint: set IssuerSync__Issuers__1__Region to the bucket's region, e.g. eu-west-1")]
    [InlineData(
        "azblob:https://acct.blob.core.windows.net/$web/edge",
        "target 'azblob:https://acct.blob.core.windows.net/$web/edge' is the static website container: its documents are served at the website endpoint, not the blob URL. " +
        "Hint: set IssuerSync__Issuers__1__PublicBaseUrl to https://acct.zNN.web.core.windows.net/edge (az storage account show -n ACCOUNT --query primaryEndpoints.web)")]
    public void Create_ListsTheProblemNamingTheIssuersAppSetting_WhenATargetCannotBeBuilt(string target, string problem)
    {
        var edge = StateWorld.Prod with { Id = "edge", Issuer = "https://oidc.example.com/edge", Target = target };
        var settings = new PublisherSettings
        {
            StateStore = "dir:" + _temp.File("state"),
            Issuers = [new IssuerSettings { Registration = StateWorld.Prod with { Target = "dir:" + _temp.File("prod") } }, new IssuerSettings { Registration = edge }],
        };

        var error = Assert.Throws<PublisherConfigurationException>(() => PublisherApp.Create(settings, new PublisherDependencies { StateStore = new DirectoryStateStore(_temp.File("state")), Setting = _ => null }));

        Assert.Equal($"IssuerSync__Issuers__1__Target = '{target}' (issuer edge): {problem}", Assert.Single(error.Problems));
    }
}
