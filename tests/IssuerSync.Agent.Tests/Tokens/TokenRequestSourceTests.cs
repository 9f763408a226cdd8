using System.Net;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using k8s;

namespace IssuerSync.Agent.Tests.Tokens;

public sealed class TokenRequestSourceTests : IAsyncLifetime
{
    private static readonly ServiceAccountRef Account = new(FakeApiServer.Namespace, FakeApiServer.AccountName);
    private FakeApiServer _api = null!;

    public async Task InitializeAsync() => _api = await FakeApiServer.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task GetTokenAsync_NeverReturnsTheSameTokenTwice_WhenTheClusterPutsNoJtiInItsTokens()
    {
        using var client = new Kubernetes(_api.ClientConfiguration());
        var source = new TokenRequestSource(client, Account, "issuersync", TimeSpan.FromMinutes(10));

        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add(await source.GetTokenAsync());
        }

        Assert.False(_api.IssueJti);
        Assert.Equal(3, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task GetTokenAsync_ReturnsATokenTheClusterSigned_ForItsOwnAccountAndTheAudience()
    {
        using var client = new Kubernetes(_api.ClientConfiguration());

        var token = await new TokenRequestSource(client, Account, "issuersync", TimeSpan.FromMinutes(10)).GetTokenAsync();

        var request = Assert.Single(_api.TokenRequests);
        Assert.Equal(("issuersync", "issuersync-agent", 600L, "TokenRequest"), (request.Namespace, request.Name, request.ExpirationSeconds, request.Kind));
        Assert.Equal(["issuersync"], request.Audiences);
        Assert.True(Jwt.Verify(token, _api.Keys[0]));
        var claims = Jwt.Claims(token);
        Assert.Equal("system:serviceaccount:issuersync:issuersync-agent", (string?)claims["sub"]);
        Assert.Equal("issuersync", (string?)claims["aud"]![0]);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "the API server answered 403 Forbidden to the agent's TokenRequest: issuersync/issuersync-agent lacks permission to create serviceaccounts/token for itself. Hint: add a Role in namespace issuersync with apiGroups [\"\"], resources [\"serviceaccounts/token\"], verbs [\"create\"], resourceNames [\"issuersync-agent\"] and bind it to the service account (deploy/kubernetes/rbac.yaml)")]
    [InlineData(HttpStatusCode.NotFound, "the API server answered 404 Not Found to the agent's TokenRequest: serviceaccount issuersync/issuersync-agent does not exist. Hint: pass the agent's own service account with --service-account and --namespace, or create it (deploy/kubernetes/serviceaccount.yaml)")]
    public async Task GetTokenAsync_NamesTheMissingPermissionOrAccount_WhenTheApiServerRefuses(HttpStatusCode status, string expected)
    {
        _api.Failures["token"] = status;
        using var client = new Kubernetes(_api.ClientConfiguration());

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => new TokenRequestSource(client, Account, "issuersync", TimeSpan.FromMinutes(10)).GetTokenAsync());

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task GetTokenAsync_Reports401_WhenTheClientsCredentialsAreRefused()
    {
        using var client = new Kubernetes(_api.ClientConfiguration(token: "stale"));

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => new TokenRequestSource(client, Account, "issuersync", TimeSpan.FromMinutes(10)).GetTokenAsync());

        Assert.StartsWith("the API server answered 401 Unauthorized for TokenRequest for serviceaccount issuersync/issuersync-agent", error.Message);
    }

    [Fact]
    public void Constructor_Refuses_WhenTheLifetimeIsShorterThanTenMinutes()
    {
        using var client = new Kubernetes(_api.ClientConfiguration());

        var error = Assert.Throws<IssuerSyncException>(() => new TokenRequestSource(client, Account, "issuersync", TimeSpan.FromMinutes(5)));

        Assert.Equal("--token-expiration 00:05:00 is shorter than the 10 minutes the TokenRequest API accepts. Hint: pass --token-expiration 10m or more", error.Message);
    }

    [Fact]
    public async Task TokenFileSource_ReadsTheProjectedTokenAgain_WhenTheKubeletRotatedIt()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("token", "first-token\n");
        var source = new TokenFileSource(path);

        var first = await source.GetTokenAsync();
        File.WriteAllText(path, "second-token");
        var second = await source.GetTokenAsync();

        Assert.Equal(("first-token", "second-token"), (first, second));
    }

    [Fact]
    public async Task TokenFileSource_PointsAtTheProjectedVolume_WhenTheFileIsMissing()
    {
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => new TokenFileSource(dir.File("token")).GetTokenAsync());

        Assert.Equal($"--token-file '{dir.File("token")}': no such file. Hint: mount a projected serviceAccountToken volume there (see deploy/kubernetes/projected-token.yaml) or leave --token-file out to use the TokenRequest API", error.Message);
    }
}
