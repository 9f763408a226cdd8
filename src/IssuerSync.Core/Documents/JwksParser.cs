using System.Text.Json;
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

    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    public static JwksParseResult Parse(ReadOnlySpan<byte> json, bool requireKubernetesKid = true)
    {
        var problems = new List<string>();
        var keys = new List<ServiceAccountKey>();
        if (!Json.JsonText.IsWellFormed(json))
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
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var array)
                || array.ValueKind != JsonValueKind.Array)
            {
                return new JwksParseResult([], ["not a JWKS: expected an object with a \"keys\" array"]);
            }

            var count = array.GetArrayLength();
            if (count == 0)
            {
                return new JwksParseResult([], ["the JWKS has no keys: no token could be verified"]);
            }

            if (count > MaxKeys)
            {
                return new JwksParseResult([], [$"the JWKS has {count} keys; at most {MaxKeys} are accepted"]);
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

        var kid = Text(element, "kid");
        var name = kid is null ? $"key {index}" : $"key {index} (kid {kid})";
        var before = problems.Count;
        foreach (var member in PrivateMembers.Where(m => element.TryGetProperty(m, out _)))
        {
            problems.Add($"{name}: has the private member '{member}': a published JWKS must hold public keys only; this key is compromised, rotate it");
        }

        var kty = Text(element, "kty");
        var alg = Text(element, "alg");
        var use = Text(element, "use");
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
            Text(element, "n"),
            Text(element, "e"),
            Text(element, "crv"),
            Text(element, "x"),
            Text(element, "y"));
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

    private static string? Text(JsonElement element, string member)
        => element.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
