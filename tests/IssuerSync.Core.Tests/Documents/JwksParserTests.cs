using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Documents;

/// <summary>
/// The JWKS reader that <c>verify</c>, the agent and the push check rely on: each problem it names,
/// word for word, and the keys it lets through.
/// </summary>
public class JwksParserTests
{
    private static readonly RSA Rsa = TestKeys.Rsa();
    private static readonly ECDsa Ec = TestKeys.Ec();
    private static readonly ServiceAccountKey RsaKey = ServiceAccountKey.FromSubjectPublicKeyInfo(Rsa.ExportSubjectPublicKeyInfo(), "test", null);
    private static readonly ServiceAccountKey EcKey = ServiceAccountKey.FromSubjectPublicKeyInfo(Ec.ExportSubjectPublicKeyInfo(), "test", null);

    [Fact]
    public void Parse_ReturnsEveryKey_WhenTheJwksIsWhatKubernetesServes()
    {
        var result = JwksParser.Parse(JwksDocument.Build(KeySet.Create([RsaKey, EcKey])));

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
        Assert.Equal(new[] { RsaKey.Kid, EcKey.Kid }.Order(StringComparer.Ordinal), result.Keys.Select(k => k.Kid));
        Assert.Equal(new[] { RsaKey, EcKey }.OrderBy(k => k.Kid, StringComparer.Ordinal).Select(k => k.Fingerprint), result.Keys.Select(k => k.Fingerprint));
    }

    public static TheoryData<string, string> Documents => new()
    {
        // name, the only problem ("{rsa}" and "{ec}" stand for the keys' kids: they are random per run)
        { "not JSON text", "not valid JSON (a string is not valid UTF-8 or holds a lone surrogate escape)" },
        { "an array", "not a JWKS: expected an object with a \"keys\" array" },
        { "an object without keys", "not a JWKS: expected an object with a \"keys\" array" },
        { "keys is an object", "not a JWKS: expected an object with a \"keys\" array" },
        { "no keys", "the JWKS has no keys: no token could be verified" },
        { "101 keys", "the JWKS has 101 keys; at most 100 are accepted" },
        { "a key that is a number", "key 1: not a JSON object" },
        { "no kid", "key 1: no kid: Kubernetes tokens name their key by kid, so a cloud cannot pick this key" },
        { "a kid that is a number", "key 1: no kid: Kubernetes tokens name their key by kid, so a cloud cannot pick this key" },
        { "use enc", "key 1 (kid {rsa}): use is 'enc', expected 'sig'" },
        { "kty oct", "key 1 (kid {rsa}): unsupported kty 'oct'" },
        { "no kty", "key 1 (kid {rsa}): unsupported kty ''" },
        { "crv P-192", "key 1 (kid {ec}): unsupported crv 'P-192'" },
        { "no crv", "key 1 (kid {ec}): unsupported crv ''" },
        { "no n", "key 1 (kid {rsa}): 'n' is missing or not base64url" },
        { "e not base64url", "key 1 (kid {rsa}): 'e' is missing or not base64url" },
        { "no x", "key 1 (kid {ec}): 'x' is missing or not base64url" },
        { "y not base64url", "key 1 (kid {ec}): 'y' is missing or not base64url" },
        { "no alg", "key 1 (kid {rsa}): no alg; expected 'RS256'" },
        { "alg RS384", "key 1 (kid {rsa}): alg 'RS384' does not match the key (RSA 2048 signs with RS256)" },
        { "alg ES384 on P-256", "key 1 (kid {ec}): alg 'ES384' does not match the key (EC P-256 signs with ES256)" },
        { "another kid", "key 1 (kid another): kid is not the Kubernetes kid of this key ('{rsa}'): tokens the cluster signs with it would name another kid" },
        { "the same key twice", "key 2: kid '{rsa}' appears twice: kids must be unique" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Parse_NamesTheKeyAndTheProblem(string name, string problem)
    {
        var result = JwksParser.Parse(Build(name));

        Assert.False(result.IsValid);
        Assert.Equal(problem.Replace("{rsa}", RsaKey.Kid, StringComparison.Ordinal).Replace("{ec}", EcKey.Kid, StringComparison.Ordinal), Assert.Single(result.Problems));
        Assert.Equal(name == "the same key twice" ? [RsaKey.Kid] : [], result.Keys.Select(k => k.Kid));
    }

    [Fact]
    public void Parse_ListsEveryProblemOfAKey_AndKeepsTheGoodKeys()
    {
        var jwks = Jwks(RsaKey, EcKey);
        var rsa = Find(jwks, "RSA");
        rsa["d"] = "c2VjcmV0";
        rsa["use"] = "enc";
        var index = jwks["keys"]!.AsArray().IndexOf(rsa) + 1;

        var result = JwksParser.Parse(Bytes(jwks));

        Assert.Equal(
            [
                $"key {index} (kid {RsaKey.Kid}): has the private member 'd': a published JWKS must hold public keys only; this key is compromised, rotate it",
                $"key {index} (kid {RsaKey.Kid}): use is 'enc', expected 'sig'",
            ],
            result.Problems);
        Assert.Equal([EcKey.Kid], result.Keys.Select(k => k.Kid));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_AcceptsAnyKid_WhenTheKubernetesKidIsNotRequired()
    {
        var result = JwksParser.Parse(Build("another kid"), requireKubernetesKid: false);

        Assert.True(result.IsValid);
        Assert.Equal(RsaKey.Fingerprint, Assert.Single(result.Keys).Fingerprint);
    }

    [Fact]
    public void Parse_AcceptsAKeyWithoutUse_AndAHundredKeys()
    {
        var noUse = Jwks(RsaKey);
        Find(noUse, "RSA").Remove("use");
        var hundred = new JsonObject { ["keys"] = new JsonArray([.. Enumerable.Repeat(0, 100).Select(_ => Find(Jwks(RsaKey), "RSA").DeepClone())]) };

        Assert.True(JwksParser.Parse(Bytes(noUse)).IsValid);
        Assert.DoesNotContain(JwksParser.Parse(Bytes(hundred)).Problems, p => p.Contains("at most 100", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(17, false)]
    public void Parse_LimitsTheDocumentTo16Levels(int depth, bool valid)
    {
        // The root object is level 1, "keys" level 2; the extra member nests arrays up to the depth.
        var jwks = Encoding.UTF8.GetString(Bytes(Jwks(RsaKey)));
        var text = jwks[..^1] + ",\"extra\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        var result = JwksParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.StartsWith("not valid JSON (", Assert.Single(result.Problems), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToKeySet_ListsEveryProblem_OrSaysThereAreNoKeys()
    {
        var bad = JwksParser.Parse(Build("the same key twice"));

        var listed = Assert.Throws<KeyFormatException>(() => new JwksParseResult([], ["one", "two"]).ToKeySet("jwks.json"));
        var none = Assert.Throws<KeyFormatException>(() => new JwksParseResult([], []).ToKeySet("jwks.json"));

        Assert.Equal("jwks.json: one; two", listed.Message);
        Assert.Equal("jwks.json: the JWKS has no keys", none.Message);
        Assert.Throws<KeyFormatException>(() => bad.ToKeySet("jwks.json"));
        Assert.Equal([RsaKey.Kid], JwksParser.Parse(Bytes(Jwks(RsaKey))).ToKeySet("jwks.json").Keys.Select(k => k.Kid));
    }

    [Fact]
    public void JwkToKey_NamesTheSourceAndTheKid_WhenTheKeyIsUnusable()
    {
        var error = Assert.Throws<KeyFormatException>(() => new Jwk("oct", "k1", "HS256", null, null, null, null, null).ToKey("jwks.json"));

        Assert.Equal("jwks.json", error.KeySource);
        Assert.Equal("kid k1", error.Block);
        Assert.Equal("jwks.json: kid k1: unsupported kty 'oct'", error.Message);
    }

    private static byte[] Build(string name)
    {
        var jwks = Jwks(name.Contains("crv", StringComparison.Ordinal) || name is "no x" or "y not base64url" or "alg ES384 on P-256" ? EcKey : RsaKey);
        var key = (JsonObject)jwks["keys"]![0]!;
        switch (name)
        {
            case "not JSON text": return [.. "{\"keys\":[\""u8, 0xC1, .. "\"]}"u8];
            case "an array": return "[1]"u8.ToArray();
            case "an object without keys": return "{}"u8.ToArray();
            case "keys is an object": return "{\"keys\":{}}"u8.ToArray();
            case "no keys": return "{\"keys\":[]}"u8.ToArray();
            case "101 keys": return Bytes(new JsonObject { ["keys"] = new JsonArray([.. Enumerable.Repeat(0, 101).Select(_ => key.DeepClone())]) });
            case "a key that is a number": return "{\"keys\":[5]}"u8.ToArray();
            case "no kid": key.Remove("kid"); break;
            case "a kid that is a number": key["kid"] = 5; break;
            case "use enc": key["use"] = "enc"; break;
            case "kty oct": key["kty"] = "oct"; break;
            case "no kty": key.Remove("kty"); break;
            case "crv P-192": key["crv"] = "P-192"; break;
            case "no crv": key.Remove("crv"); break;
            case "no n": key.Remove("n"); break;
            case "e not base64url": key["e"] = "A*B"; break;
            case "no x": key.Remove("x"); break;
            case "y not base64url": key["y"] = "A*B"; break;
            case "no alg": key.Remove("alg"); break;
            case "alg RS384": key["alg"] = "RS384"; break;
            case "alg ES384 on P-256": key["alg"] = "ES384"; break;
            case "another kid": key["kid"] = "another"; break;
            case "the same key twice": jwks["keys"]!.AsArray().Add(key.DeepClone()); break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "no such case");
        }

        return Bytes(jwks);
    }

    private static JsonNode Jwks(params ServiceAccountKey[] keys) => JsonNode.Parse(JwksDocument.Build(KeySet.Create(keys)))!;

    private static JsonObject Find(JsonNode jwks, string kty) => (JsonObject)jwks["keys"]!.AsArray().First(k => (string?)k!["kty"] == kty)!;

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
