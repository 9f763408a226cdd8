using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.State.Azure;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.Faults;

/// <summary>Every way the state store can fail ends in state_unavailable (503) with the cause, never an unhandled exception.</summary>
public sealed class StateStoreFaultTests : IDisposable
{
    private readonly TempDirectory _documents = new();

    public void Dispose() => _documents.Dispose();

    [Theory]
    [InlineData(503, "ServerBusy")]
    [InlineData(500, "InternalError")]
    [InlineData(403, "AuthorizationPermissionMismatch")]
    [InlineData(401, "InvalidAuthenticationInfo")]
    [InlineData(429, "TooManyRequests")]
    public async Task PushAsync_AnswersStateUnavailable_WhenTheStoreAnswers(int status, string code)
    {
        await using var server = await StatusServer.StartAsync(status, code);
        var app = Create($"azblob:{server.Address}devstoreaccount1/state", new() { ["State"] = Connection(server.Address) }, "State");

        var push = await app.Push.PushAsync(StateWorld.Body(StateWorld.Now, StateWorld.Signer), StateWorld.Token(StateWorld.Now), null);
        var approve = await app.Operators.ApproveAsync("prod", Services.PublisherWorldApproval.For(StateWorld.Signer));
        var status1 = JsonNode.Parse((await app.Operators.StatusAsync(null)).ToJson())!;

        Assert.Equal(503, push.HttpStatus);
        Assert.Equal("state_unavailable", push.Response.Error);
        Assert.Equal(503, approve.HttpStatus);
        var lastError = status1["issuers"]![0]!["lastError"]!;
        Assert.Equal("state_unavailable", (string?)lastError["code"]);
        Assert.Contains(code, (string?)lastError["message"], StringComparison.Ordinal);
        Assert.True(server.Requests >= 1);
    }

    [Fact]
    public async Task PushAsync_AnswersStateUnavailable_WhenNothingListens()
    {
        var port = ClosedPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var app = Create($"azblob:{address}devstoreaccount1/state", new() { ["State"] = Connection(address) }, "State");

        var push = await app.Push.PushAsync(StateWorld.Body(StateWorld.Now, StateWorld.Signer), StateWorld.Token(StateWorld.Now), null);

        Assert.Equal(503, push.HttpStatus);
        Assert.Equal("state_unavailable", push.Response.Error);
    }

    [Fact]
    public async Task PushAsync_AnswersStateUnavailable_WhenTheIdentityCannotGetAToken()
    {
        var container = new BlobContainerClient(new Uri($"https://127.0.0.1:{ClosedPort()}/devstoreaccount1/state"), new FailingCredential());
        var app = PublisherApp.Create(Settings("dir:/unused"), new PublisherDependencies { Time = new FakeTimeProvider(StateWorld.Now), StateStore = new AzureBlobStateStore(container) });

        var push = await app.Push.PushAsync(StateWorld.Body(StateWorld.Now, StateWorld.Signer), StateWorld.Token(StateWorld.Now), null);
        var reconcile = await app.Reconcile.ReconcileIssuerAsync("prod");

        Assert.Equal(503, push.HttpStatus);
        Assert.Equal("state_unavailable", push.Response.Error);
        Assert.False(reconcile.Succeeded);
        Assert.True(reconcile.Transient);
        Assert.Contains("AuthenticationFailedException", reconcile.Summary, StringComparison.Ordinal);
    }

    private PublisherApp Create(string stateStore, Dictionary<string, string> appSettings, string connection)
        => PublisherApp.Create(Settings(stateStore) with { Connection = connection }, new PublisherDependencies { Time = new FakeTimeProvider(StateWorld.Now), Setting = name => appSettings.GetValueOrDefault(name) });

    private PublisherSettings Settings(string stateStore) => new()
    {
        StateStore = stateStore,
        Issuers = [new IssuerSettings { Registration = StateWorld.Prod with { Target = "dir:" + _documents.Path } }],
    };

    private static string Connection(Uri address)
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={IssuerSync.Testing.Emulators.AzuriteBlobServer.AccountKey};BlobEndpoint={address}devstoreaccount1;";

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A managed identity that cannot get a token (no identity assigned, IMDS unreachable).</summary>
    private sealed class FailingCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new AuthenticationFailedException("ManagedIdentityCredential authentication failed: no identity is assigned to this app");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new AuthenticationFailedException("ManagedIdentityCredential authentication failed: no identity is assigned to this app");
    }
}
