using System.Text.Json;
using IssuerSync.Core.Json;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Documents;

/// <summary>
/// Reads a JWKS as a cloud IdP would and checks what IssuerSync promises of one: every key public
/// (no private member), RSA of 2048 bits or more or EC on P-256/384/521, alg matching the key,
/// use "sig" when present, kid present, unique and equal to the Kubernetes kid of the key.
/// </summary>
public static class JwksParser
{
    public const int MaxKeys = 100;

    public static JwksParseResult Parse(ReadOnlySpan<byte> json, bool requireKubernetesKid = true)
    {
        var problems = new List<string>();
        var keys = new List<ServiceAccountKey>();
        if (!JsonText.IsWellFormed(json))
        {
            return new JwksParseResult([], ["not valid JSON (a string is not valid UTF-8 or holds a lone surrogate escape)"]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return new JwksParseResult([], [$"not valid JSON ({e.Message})"]);
        }

        using (document)
        {
            var shape = JwksShape.Check(document.RootElement, MaxKeys, out var array);
            if (shape != JwksShapeProblem.None)
            {
                return new JwksParseResult([], [shape switch
                {
                    JwksShapeProblem.NotJwks => "not a JWKS: expected an object with a \"keys\" array",
                    JwksShapeProblem.NoKeys => "the JWKS has no keys: no token could be verified",
                    _ => $"the JWKS has {array.GetArrayLength()} keys; at most {MaxKeys} are accepted",
                }]);
            }

            var kids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var key = ReadKey(element, index, requireKubernetesKid, problems);
                if (key is not null && !kids.Add(key.Kid))
                {
                    problems.Add($"key {index}: kid '{key.Kid}' appears twice: kids must be unique");
                    continue;
                }

                if (key is not null)
                {
                    keys.Add(key);
                }
            }
        }

        return new JwksParseResult(keys, problems);
    }

    private static ServiceAccountKey? ReadKey(JsonElement element, int index, bool requireKubernetesKid, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"key {index}: not a JSON object");
            return null;
        }

        var kid = JsonMembers.Text(element, "kid");
        var name = JwksShape.Name(element, index);
        var before = problems.Count;
        foreach (var member in JwksShape.PrivateMembersOf(element))
        {
            problems.Add($"{name}: has the private member '{member}': a published JWKS must hold public keys only; this key is compromised, rotate it");
        }

        var kty = JsonMembers.Text(element, "kty");
        var alg = JsonMembers.Text(element, "alg");
        var use = JsonMembers.Text(element, "use");
        if (kid is null)
        {
            problems.Add($"{name}: no kid: Kubernetes tokens name their key by kid, so a cloud cannot pick this key");
        }

        if (use is not null && use != "sig")
        {
            problems.Add($"{name}: use is '{use}', expected 'sig'");
        }

        if (problems.Count > before)
        {
            return null;
        }

        var jwk = new Jwk(
            kty ?? string.Empty,
            kid!,
            alg ?? string.Empty,
            JsonMembers.Text(element, "n"),
            JsonMembers.Text(element, "e"),
            JsonMembers.Text(element, "crv"),
            JsonMembers.Text(element, "x"),
            JsonMembers.Text(element, "y"));
        ServiceAccountKey key;
        try
        {
            key = jwk.ToKey("jwks");
        }
        catch (KeyFormatException e)
        {
            problems.Add($"{name}: {e.Reason}");
            return null;
        }

        if (alg is null)
        {
            problems.Add($"{name}: no alg; expected '{key.Algorithm}'");
        }
        else if (alg != key.Algorithm)
        {
            problems.Add($"{name}: alg '{alg}' does not match the key ({key.Description} signs with {key.Algorithm})");
        }

        if (requireKubernetesKid && kid != key.Kid)
        {
            problems.Add($"{name}: kid is not the Kubernetes kid of this key ('{key.Kid}'): tokens the cluster signs with it would name another kid");
        }

        return problems.Count > before ? null : key;
    }
}
