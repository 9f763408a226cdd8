using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.EndToEnd.Tests.Hosting;
using IssuerSync.Testing;
using IssuerSync.Testing.Handler;

namespace IssuerSync.EndToEnd.Tests.Forgery;

/// <summary>
/// The real custom handler (started as the Functions host starts it) serving four issuers on dir: stores, brought to
/// a trusted state through its own routes: prod trusts RSA key A and EC keys on P-256/384/521; edge trusts C;
/// strict (approval required for new keys) trusts S and holds P pending; revoked trusts V and has revoked R.
/// </summary>
public sealed class ForgeryWorld : IAsyncLifetime
{
    public const string Agent = "system:serviceaccount:issuersync:issuersync-agent";

    public TempDirectory Folder { get; } = new();

    public HandlerProcess Handler { get; private set; } = null!;

    public RSA A { get; } = TestKeys.Rsa();

    public IReadOnlyDictionary<string, ECDsa> Ec { get; } = new Dictionary<string, ECDsa>
    {
        ["P-256"] = TestKeys.Ec("P-256"),
        ["P-384"] = TestKeys.Ec("P-384"),
        ["P-521"] = TestKeys.Ec("P-521"),
    };

    public ECDsa C { get; } = TestKeys.Ec("P-384");

    public RSA S { get; } = TestKeys.Rsa();

    public RSA P { get; } = TestKeys.Rsa();

    public RSA V { get; } = TestKeys.Rsa();

    public RSA R { get; } = TestKeys.Rsa();

    /// <summary>Every key prod trusts: what its agent pushes.</summary>
    public AsymmetricAlgorithm[] ProdKeys => [A, .. Ec.Values];

    public static string Issuer(string id) => $"https://oidc.example.com/{id}";

    public static string Kid(AsymmetricAlgorithm key) => TestKeys.ExpectedKid(key);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["IssuerSync__StateStore"] = "dir:" + Folder.File("state"),
            ["IssuerSync__ReconcileSchedule"] = "0 */5 * * * *",
        };
        string[] ids = ["prod", "edge", "strict", "revoked"];
        for (var i = 0; i < ids.Length; i++)
        {
            settings[$"IssuerSync__Issuers__{i}__Id"] = ids[i];
            settings[$"IssuerSync__Issuers__{i}__Issuer"] = Issuer(ids[i]);
            settings[$"IssuerSync__Issuers__{i}__Target"] = "dir:" + Folder.File(Path.Combine("docs", ids[i]));
            settings[$"IssuerSync__Issuers__{i}__AgentSubject"] = Agent;
        }

        settings["IssuerSync__Issuers__2__RequireApprovalForNewKeys"] = "true";
        Handler = await HandlerProcess.StartAsync(settings);

        await EnrolAsync("prod", A);
        await ExpectAsync(HttpStatusCode.OK, "prod", ProdKeys, A);
        await EnrolAsync("edge", C);
        await EnrolAsync("strict", S);
        await ExpectAsync(HttpStatusCode.Accepted, "strict", [S, P], S);
        await EnrolAsync("revoked", V);
        await ExpectAsync(HttpStatusCode.OK, "revoked", [V, R], V);
        await OperatorAsync("revoked", "revoke", $$"""{"kid": "{{Kid(R)}}", "operator": "alice"}""");
    }

    public async Task DisposeAsync()
    {
        await Handler.DisposeAsync();
        foreach (var key in new AsymmetricAlgorithm[] { A, C, S, P, V, R }.Concat(Ec.Values))
        {
            key.Dispose();
        }

        Folder.Dispose();
    }

    /// <summary>Every file of the state store and the published documents, byte for byte.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder.Path, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(Folder.Path, file)] = Convert.ToBase64String(File.ReadAllBytes(file));
        }

        return files;
    }

    public static byte[] Body(string issuer, AsymmetricAlgorithm[] keys, DateTimeOffset? observedAt = null, string source = PushProtocol.SourceLive)
        => BodyWith(Encoding.UTF8.GetString(JwksDocument.Build(KeySet.Create(keys.Select(k => ServiceAccountKey.FromSubjectPublicKeyInfo(k.ExportSubjectPublicKeyInfo(), "test", null))))), issuer, observedAt, source);

    public static byte[] BodyWith(string jwks, string issuer, DateTimeOffset? observedAt = null, string source = PushProtocol.SourceLive) => new PushRequest
    {
        Issuer = issuer,
        Jwks = TestTokens.Element(jwks),
        ObservedAt = observedAt ?? DateTimeOffset.UtcNow,
        AgentVersion = "0.2.0-e2e",
        Source = source,
    }.ToJson();

    public static JsonObject Claims(string issuer) => TestTokens.Claims(issuer, Agent, PushProtocol.DefaultAudience, DateTimeOffset.UtcNow.AddSeconds(-10));

    public static string Token(AsymmetricAlgorithm key, string issuer, Action<JsonObject>? edit = null)
    {
        var claims = Claims(issuer);
        edit?.Invoke(claims);
        return TestTokens.Sign(key, claims);
    }

    /// <summary>A push the trusted agent would send; asserts the status it is answered with.</summary>
    public async Task<JsonNode> ExpectAsync(HttpStatusCode status, string issuerId, AsymmetricAlgorithm[] keys, AsymmetricAlgorithm signer, string? token = null)
    {
        var (code, json, body) = await RawPush.SendAsync(Handler.Port, Body(Issuer(issuerId), keys), "Bearer " + (token ?? Token(signer, Issuer(issuerId))));
        Assert.True(code == (int)status, $"push to {issuerId}: {code} {body}");
        return json!;
    }

    private async Task EnrolAsync(string issuerId, AsymmetricAlgorithm key)
    {
        await ExpectAsync(HttpStatusCode.Accepted, issuerId, [key], key);
        var fingerprint = Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo())).ToLowerInvariant();
        await OperatorAsync(issuerId, "approve", $$"""{"fingerprints": ["{{fingerprint}}"], "operator": "alice"}""");
    }

    private async Task OperatorAsync(string issuerId, string action, string body)
    {
        using var answer = await Handler.Client.PostAsync($"api/issuers/{issuerId}/{action}", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{action} {issuerId}: {await answer.Content.ReadAsStringAsync()}");
    }
}
