using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Cli.Tests.Verify;

/// <summary>
/// One loopback HTTPS server for the verify and trust tests, two signing keys (RSA 2048, EC P-256),
/// and the test CA as a PEM file for --ca-cert. Every test serves its issuer under its own path.
/// </summary>
public sealed class IssuerServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public TestIssuerServer Server { get; } = new();

    public RSA Rsa { get; } = RSA.Create(2048);

    public ECDsa Ec { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string CaFile { get; private set; } = string.Empty;

    public string Issuer(string name) => $"{Server.Origin}/{name}";

    public string File(string name, string content) => _directory.Write(name, content);

    /// <summary>Serves a correct issuer (both keys) under /NAME, after <paramref name="change"/> adjusts it.</summary>
    public void Publish(string name, Action<PublishedIssuer>? change = null)
    {
        var issuer = Issuer(name);
        var published = new PublishedIssuer
        {
            Discovery = TestIssuerDocuments.Discovery(issuer, issuer + "/openid/v1/jwks", "ES256", "RS256"),
            Jwks = TestIssuerDocuments.Jwks(TestIssuerDocuments.Jwk(Rsa), TestIssuerDocuments.Jwk(Ec)),
        };
        change?.Invoke(published);
        var jwksHeaders = published.CacheControl is null ? null : new Dictionary<string, string> { ["Cache-Control"] = published.CacheControl };
        Server.Serve($"/{name}/{published.DiscoveryPath}", published.DiscoveryStatus, published.DiscoveryBody ?? published.Discovery.ToJsonString(), published.DiscoveryContentType, published.DiscoveryHeaders);
        Server.Serve($"/{name}/openid/v1/jwks", published.JwksStatus, published.JwksBody ?? published.Jwks.ToJsonString(), published.JwksContentType, jwksHeaders);
    }

    /// <summary>Serves the correct issuer NAME (<see cref="Publish"/>) and returns its URL.</summary>
    public string Published(string name)
    {
        Publish(name);
        return Issuer(name);
    }

    /// <summary><c>issuersync verify ISSUER --token FILE --audience AUDIENCE --output json</c>, trusting the server's CA.</summary>
    public Task<CliRun> VerifyTokenAsync(string issuer, string token, string audience)
    {
        var file = File(Guid.NewGuid().ToString("N") + ".jwt", token + "\n");
        return CliRun.RunAsync("verify", issuer, "--ca-cert", CaFile, "--token", file, "--audience", audience, "--output", "json");
    }

    public Task InitializeAsync()
    {
        CaFile = _directory.Write("ca.pem", Server.CaPem);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Rsa.Dispose();
        Ec.Dispose();
        _directory.Dispose();
    }

    /// <summary>What one test issuer serves; each member breaks one thing when changed.</summary>
    public sealed class PublishedIssuer
    {
        public required JsonObject Discovery { get; set; }

        public required JsonObject Jwks { get; set; }

        public string DiscoveryPath { get; set; } = ".well-known/openid-configuration";

        public int DiscoveryStatus { get; set; } = 200;

        public string? DiscoveryBody { get; set; }

        public string? DiscoveryContentType { get; set; } = "application/json";

        public Dictionary<string, string>? DiscoveryHeaders { get; set; }

        public int JwksStatus { get; set; } = 200;

        public string? JwksBody { get; set; }

        public string? JwksContentType { get; set; } = "application/json";

        public string? CacheControl { get; set; } = "public, max-age=300";
    }
}
