using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IssuerSync.EndToEnd.Tests.Hosting;
using IssuerSync.Testing;

namespace IssuerSync.EndToEnd.Tests.Rotation;

/// <summary>
/// What a cloud sees of the issuer: the documents fetched anonymously over HTTPS, and `issuersync verify ISSUER
/// --token FILE --ca-cert CA` run on a workload token signed by a given key (as Entra ID, STS or GCP check it).
/// </summary>
public sealed class CloudView(StaticIssuerServer web, string issuer, TempDirectory folder)
{
    public const string Audience = "api://AzureADTokenExchange";

    /// <summary>The kids of the JWKS the discovery document points at, fetched as a cloud fetches; empty when not served.</summary>
    public async Task<IReadOnlyList<string>> PublishedKidsAsync()
    {
        using var client = web.AnonymousClient();
        using var discovery = await client.GetAsync(issuer + "/.well-known/openid-configuration");
        if (discovery.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        discovery.EnsureSuccessStatusCode();
        var jwksUri = (string)JsonNode.Parse(await discovery.Content.ReadAsStringAsync())!["jwks_uri"]!;
        var jwks = JsonNode.Parse(await client.GetStringAsync(jwksUri))!;
        return jwks["keys"]!.AsArray().Select(k => (string)k!["kid"]!).ToList();
    }

    /// <summary><c>issuersync verify</c> with a fresh workload token signed by <paramref name="signer"/> (kid = its Kubernetes kid).</summary>
    public async Task<CliRun> VerifyTokenOfAsync(AsymmetricAlgorithm signer)
    {
        var token = TestTokens.Mint(signer, TestKeys.ExpectedKid(signer), issuer, [Audience], DateTimeOffset.UtcNow.AddMinutes(50));
        var file = folder.Write($"tokens/{Guid.NewGuid():N}.jwt", token + "\n");
        return await CliRun.RunAsync("verify", issuer, "--token", file, "--audience", Audience, "--ca-cert", web.CaFile, "--output", "json");
    }
}
