using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;
using IssuerSync.Storage.State;
using IssuerSync.Testing;

namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>
/// N registered issuers (i0000…), each trusted with one RSA signer from a small pool (RSA key generation is slow;
/// sharing signers across issuers changes no cost), their settings file, their state documents written directly,
/// and the pushes their agents send: a fresh RS256 token per push, as kube-apiserver mints them.
/// </summary>
internal sealed class BenchIssuers
{
    public const string Agent = "system:serviceaccount:issuersync:issuersync-agent";
    public const string StateContainer = "state";
    public const string DocumentContainer = "docs";
    private const string PublicBase = "https://oidc.bench.test";

    private readonly RSA[] _signers;

    public BenchIssuers(int count, int signers)
    {
        Ids = Enumerable.Range(0, count).Select(i => $"i{i:D4}").ToArray();
        _signers = Enumerable.Range(0, signers).Select(_ => RSA.Create(2048)).ToArray();
    }

    public IReadOnlyList<string> Ids { get; }

    public static string Issuer(string id) => $"{PublicBase}/{id}";

    public RSA Signer(string id) => _signers[int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % _signers.Length];

    /// <summary>The handler's settings file (IssuerSync__ConfigFile): state and documents behind <paramref name="blobEndpoint"/>.</summary>
    public string SettingsJson(Uri blobEndpoint, string connectionSetting)
    {
        var endpoint = blobEndpoint.ToString().TrimEnd('/');
        var issuers = new JsonArray();
        foreach (var id in Ids)
        {
            issuers.Add(new JsonObject
            {
                ["Id"] = id,
                ["Issuer"] = Issuer(id),
                ["Target"] = $"azblob:{endpoint}/{DocumentContainer}/{id}",
                ["PublicBaseUrl"] = Issuer(id),
                ["Connection"] = connectionSetting,
                ["AgentSubject"] = Agent,
            });
        }

        var root = new JsonObject
        {
            ["IssuerSync"] = new JsonObject
            {
                ["StateStore"] = $"azblob:{endpoint}/{StateContainer}",
                ["Connection"] = connectionSetting,
                ["ReconcileSchedule"] = "0 */5 * * * *",
                ["Issuers"] = issuers,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Every issuer enrolled and trusted with its signer (what approve leaves behind), written straight to the store.</summary>
    public async Task EnrolAsync(IIssuerStateStore store, DateTimeOffset now)
    {
        await Parallel.ForEachAsync(Ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            var signer = Key(Signer(id));
            var state = IssuerState.New(id, Issuer(id)) with
            {
                Keys = [KeyRecord.Create(signer, KeyStatus.Active, now.AddDays(-1))],
                LatestSigningKid = signer.Kid,
            };
            _ = await store.TryWriteAsync(id, state, null, ct) ?? throw new InvalidOperationException($"state of {id} already exists");
        });
    }

    /// <summary>Adds an active key to the issuer's state behind the publisher's back, so its published set differs from what is served.</summary>
    public static async Task AddKeyBehindThePublishersBackAsync(IIssuerStateStore store, string id, DateTimeOffset now)
    {
        var current = await store.ReadAsync(id) ?? throw new InvalidOperationException($"no state for {id}");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var state = current.State with { Keys = [.. current.State.Keys, KeyRecord.Create(Key(key), KeyStatus.Active, now)] };
        _ = await store.TryWriteAsync(id, state, current.ETag) ?? throw new InvalidOperationException($"state of {id} changed meanwhile");
    }

    /// <summary>The push of <paramref name="id"/>'s agent: the cluster's keys and a fresh token signed by the issuer's signer.</summary>
    /// <param name="lifetime">The token's lifetime (default 10 minutes). Tokens minted ahead of a burst get growing lifetimes so
    /// that each expires after the one before, as tokens minted one after another do: the publisher refuses a token that
    /// expires no later than the bindings it had to forget (more than 64 pushes of one issuer within a token lifetime).</param>
    public (byte[] Body, string Token) Push(string id, DateTimeOffset observedAt, TimeSpan? lifetime, params AsymmetricAlgorithm[] extraKeys)
    {
        var keys = KeySet.Create(new[] { Key(Signer(id)) }.Concat(extraKeys.Select(Key)));
        var body = new PushRequest
        {
            Issuer = Issuer(id),
            Jwks = JsonDocument.Parse(JwksDocument.Build(keys)).RootElement.Clone(),
            ObservedAt = observedAt,
            AgentVersion = "0.2.0-bench",
        }.ToJson();
        var token = TestTokens.Sign(Signer(id), TestTokens.Claims(Issuer(id), Agent, PushProtocol.DefaultAudience, observedAt.AddSeconds(-5), lifetime));
        return (body, token);
    }

    private static ServiceAccountKey Key(AsymmetricAlgorithm key) => ServiceAccountKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), "bench", null);
}
