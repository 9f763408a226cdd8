using System.Security.Cryptography;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Registration;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Publisher.Tests.Services;

/// <summary>
/// A publisher with two issuers (prod and edge), its state in a folder and each issuer's documents in a folder of
/// their own, on a fake clock. The documents a cloud would fetch are read back from those folders.
/// </summary>
internal sealed class PublisherWorld : IDisposable
{
    public const string EdgeIssuer = "https://oidc.example.com/edge";

    private readonly TempDirectory _root = new();

    public PublisherWorld(Func<IssuerRegistration, IssuerRegistration>? prod = null)
    {
        StatePath = Path.Combine(_root.Path, "state");
        Registration = (prod ?? (r => r))(StateWorld.Prod with { Target = "dir:" + Path.Combine(_root.Path, "prod") });
        Edge = StateWorld.Prod with { Id = "edge", Issuer = EdgeIssuer, Target = "dir:" + Path.Combine(_root.Path, "edge") };
        Settings = new PublisherSettings
        {
            StateStore = "dir:" + StatePath,
            Issuers = [new IssuerSettings { Registration = Registration }, new IssuerSettings { Registration = Edge }],
        };
        Store = new DirectoryStateStore(StatePath);
        App = PublisherApp.Create(Settings, new PublisherDependencies { Time = Clock, StateStore = Store });
    }

    public FakeTimeProvider Clock { get; } = new(StateWorld.Now);

    public IssuerRegistration Registration { get; }

    public IssuerRegistration Edge { get; }

    public PublisherSettings Settings { get; }

    public string StatePath { get; }

    public DirectoryStateStore Store { get; }

    public PublisherApp App { get; }

    public string JwksFile(string issuerId = "prod") => Path.Combine(_root.Path, issuerId, "openid", "v1", "jwks");

    public string DiscoveryFile(string issuerId = "prod") => Path.Combine(_root.Path, issuerId, ".well-known", "openid-configuration");

    public string StateFile(string issuerId = "prod") => Path.Combine(StatePath, issuerId + ".json");

    public byte[]? Served(string issuerId = "prod") => File.Exists(JwksFile(issuerId)) ? File.ReadAllBytes(JwksFile(issuerId)) : null;

    public static byte[] JwksOf(params AsymmetricAlgorithm[] keys) => JwksDocument.Build(KeySet.Create(keys.Select(StateWorld.Key)));

    public Task<IssuerSync.Publisher.Services.PushOutcome> PushAsync(params AsymmetricAlgorithm[] keys)
        => App.Push.PushAsync(StateWorld.Body(Clock.GetUtcNow(), keys), StateWorld.Token(Clock.GetUtcNow()), "192.0.2.7");

    /// <summary>First contact with the signer, then an operator approves it: the signer is published.</summary>
    public async Task EnrolAsync()
    {
        Assert.Equal(202, (await PushAsync(StateWorld.Signer)).HttpStatus);
        var approved = await App.Operators.ApproveAsync("prod", Approval(StateWorld.Key(StateWorld.Signer).Fingerprint));
        Assert.Equal(200, approved.HttpStatus);
        Clock.Advance(TimeSpan.FromMinutes(1));
    }

    public static byte[] Approval(string fingerprint, string? by = "alice")
        => System.Text.Encoding.UTF8.GetBytes(by is null ? $$"""{"fingerprints": ["{{fingerprint}}"]}""" : $$"""{"fingerprints": ["{{fingerprint}}"], "operator": "{{by}}"}""");

    public void Dispose() => _root.Dispose();
}
