using System.Net;
using IssuerSync.Agent.Keys;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using IssuerSync.Core.Issuers;
using k8s;

namespace IssuerSync.Agent.Tests.Keys;

public sealed class ApiServerKeySourceTests : IAsyncLifetime
{
    private FakeApiServer _api = null!;

    public async Task InitializeAsync() => _api = await FakeApiServer.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ReadAsync_ReturnsEveryKeyTheApiServerServes_WhenARotationAddedOne()
    {
        _api.Keys.Add(TestKeys.Ec());
        using var client = new Kubernetes(_api.ClientConfiguration());

        var observed = await Source(client).ReadAsync();

        Assert.Equal(_api.Keys.Select(_api.KidOf).Order(StringComparer.Ordinal), observed.Kids);
        Assert.Equal(["GET /.well-known/openid-configuration", "GET /openid/v1/jwks"], _api.Requests);
    }

    [Fact]
    public async Task ReadAsync_RefusesNamingTheApiServerFlags_WhenTheApiServerIssuerDiffers()
    {
        _api.Issuer = "https://kubernetes.default.svc.cluster.local";
        using var client = new Kubernetes(_api.ClientConfiguration());

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => Source(client).ReadAsync());

        Assert.Equal(
            "the API server's issuer is 'https://kubernetes.default.svc.cluster.local' but --issuer is 'https://oidc.example.com/cluster1': the cluster signs its tokens for another issuer, so a cloud would refuse them. " +
            "Hint: start kube-apiserver with --service-account-issuer=https://oidc.example.com/cluster1 (list it first; keep 'https://kubernetes.default.svc.cluster.local' as a second --service-account-issuer while old tokens live) " +
            "and --service-account-jwks-uri=https://oidc.example.com/cluster1/openid/v1/jwks, or pass --issuer https://kubernetes.default.svc.cluster.local if that is the issuer you mean to publish",
            error.Message);
        Assert.DoesNotContain("GET /openid/v1/jwks", _api.Requests);
    }

    [Fact]
    public async Task ReadAsync_RefusesATrailingSlashDifference_WhenTheIssuerIsNotByteForByteEqual()
    {
        _api.Issuer = "https://oidc.example.com/cluster1/";
        using var client = new Kubernetes(_api.ClientConfiguration());

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => Source(client).ReadAsync());

        Assert.StartsWith("the API server's issuer is 'https://oidc.example.com/cluster1/' but --issuer is 'https://oidc.example.com/cluster1'", error.Message);
    }

    [Theory]
    [InlineData("discovery", HttpStatusCode.NotFound, "the API server answered 404 Not Found for /.well-known/openid-configuration", "with --key-file")]
    [InlineData("jwks", HttpStatusCode.NotFound, "the API server answered 404 Not Found for /openid/v1/jwks", "with --key-file")]
    [InlineData("discovery", HttpStatusCode.Forbidden, "Kubernetes' default RBAC binds the ClusterRole system:service-account-issuer-discovery to every service account (group system:serviceaccounts)", "bind the ClusterRole system:service-account-issuer-discovery to serviceaccount issuersync/issuersync-agent")]
    [InlineData("discovery", HttpStatusCode.InternalServerError, "the API server answered 500 InternalServerError for /.well-known/openid-configuration", "kubectl get --raw /readyz")]
    public async Task ReadAsync_ExplainsTheFix_WhenTheApiServerRefuses(string endpoint, HttpStatusCode status, string what, string fix)
    {
        _api.Failures[endpoint] = status;
        using var client = new Kubernetes(_api.ClientConfiguration());

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => Source(client).ReadAsync());

        Assert.Contains(what, error.Message);
        Assert.Contains(fix, error.Message);
    }

    [Fact]
    public async Task ReadAsync_SendsTheClientsCredentials_AndReports401_WhenTheyAreWrong()
    {
        using var client = new Kubernetes(_api.ClientConfiguration(token: "not-the-admin-token"));

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => Source(client).ReadAsync());

        Assert.StartsWith("the API server answered 401 Unauthorized for /.well-known/openid-configuration: it did not accept the agent's credentials", error.Message);
        Assert.DoesNotContain("not-the-admin-token", error.Message);
    }

    [Fact]
    public async Task ReadAsync_RefusesTheKeys_WhenTheApiServerJwksHasAPrivateMember()
    {
        _api.ExtraJwkMembers["d"] = "AQAB";
        using var client = new Kubernetes(_api.ClientConfiguration());

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => Source(client).ReadAsync());

        Assert.Contains("the API server's /openid/v1/jwks serves a JWKS IssuerSync will not push", error.Message);
        Assert.Contains("has the private member 'd'", error.Message);
    }

    [Fact]
    public async Task ReadAsync_RefusesTheServer_WhenItsCertificateIsNotTheClustersCa()
    {
        var configuration = _api.ClientConfiguration();
        using var otherCa = LoopbackCertificate.Create();
        configuration.SslCaCerts = [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(otherCa.RawData)];
        using var client = new Kubernetes(configuration);

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => Source(client).ReadAsync());

        Assert.StartsWith($"cannot reach the API server at {_api.BaseUri}", error.Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task ReadAsync_ReportsATimeout_WhenTheApiServerDoesNotAnswerInTime()
    {
        _api.Delays["discovery"] = TimeSpan.FromSeconds(10);
        using var client = new Kubernetes(_api.ClientConfiguration());

        var error = await Assert.ThrowsAsync<IssuerSyncException>(() => Source(client, TimeSpan.FromMilliseconds(300)).ReadAsync());

        Assert.Equal($"the API server at {_api.BaseUri} did not answer /.well-known/openid-configuration within 0.3 s. Hint: check the API server's load and the network path to it", error.Message);
    }

    private static ApiServerKeySource Source(Kubernetes client, TimeSpan? timeout = null)
        => new(client, IssuerUrl.Parse("https://oidc.example.com/cluster1"), new ServiceAccountRef(FakeApiServer.Namespace, FakeApiServer.AccountName), timeout ?? TimeSpan.FromSeconds(10));
}
