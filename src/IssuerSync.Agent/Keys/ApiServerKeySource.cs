using System.Net;
using System.Text.Json;
using IssuerSync.Agent.Cluster;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;
using k8s;

namespace IssuerSync.Agent.Keys;

/// <summary>
/// The default source: the keys the API server itself verifies tokens with, read from its
/// <c>/.well-known/openid-configuration</c> and <c>/openid/v1/jwks</c>. Every key a rotation added
/// (several --service-account-key-file, several PEM blocks) is there. Refuses when the API server's
/// issuer is not the configured one, naming the kube-apiserver flags to set.
/// </summary>
public sealed class ApiServerKeySource(Kubernetes client, IssuerUrl issuer, ServiceAccountRef account, TimeSpan timeout) : IKeySource
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/openid/v1/jwks";

    public string Description => $"the API server at {client.BaseUri}";

    public async Task<ObservedKeys> ReadAsync(CancellationToken cancellationToken = default)
    {
        var discovery = await ApiServerHttp.GetAsync(
            client,
            DiscoveryPath,
            timeout,
            status => Describe(status, DiscoveryPath),
            cancellationToken).ConfigureAwait(false);
        var servedIssuer = ReadIssuer(discovery);
        if (!string.Equals(servedIssuer, issuer.Value, StringComparison.Ordinal))
        {
            throw AgentErrors.IssuerMismatch(servedIssuer, issuer.Value);
        }

        var jwks = await ApiServerHttp.GetAsync(client, JwksPath, timeout, status => Describe(status, JwksPath), cancellationToken).ConfigureAwait(false);
        var parsed = JwksParser.Parse(jwks);
        if (!parsed.IsValid)
        {
            throw AgentErrors.InvalidJwks($"the API server's {JwksPath}", parsed.Problems.Count > 0 ? parsed.Problems : ["no keys"]);
        }

        return ObservedKeys.Create(KeySet.Create(parsed.Keys), Description);
    }

    private Core.IssuerSyncException? Describe(HttpStatusCode status, string path) => status switch
    {
        HttpStatusCode.NotFound => AgentErrors.DiscoveryDisabled(path),
        HttpStatusCode.Forbidden => AgentErrors.DiscoveryForbidden(path, account),
        HttpStatusCode.Unauthorized => AgentErrors.Unauthorized(path),
        _ => null,
    };

    private static string ReadIssuer(byte[] discovery)
    {
        try
        {
            using var document = JsonDocument.Parse(discovery);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("issuer", out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw AgentErrors.InvalidDiscovery("no \"issuer\" string");
        }
        catch (JsonException e)
        {
            throw AgentErrors.InvalidDiscovery($"not JSON: {e.Message}");
        }
    }
}
