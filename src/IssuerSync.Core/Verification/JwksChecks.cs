using System.Globalization;
using System.Text;
using System.Text.Json;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Json;

namespace IssuerSync.Core.Verification;

/// <summary>
/// Checks the response to GET {jwks_uri}: the HTTP response, a JWKS with at least one key, every
/// key well formed (read with <see cref="JwksParser"/>: kty, alg, kid, RSA ≥ 2048 bits, EC curve
/// matching alg, no private member), kids unique and equal to the kid Kubernetes puts in its
/// tokens, and how long caches may keep it.
/// </summary>
public static class JwksChecks
{
    public const string Prefix = "JWKS";

    /// <summary>A max-age above this delays rotations noticeably: warn.</summary>
    public const int LongCacheSeconds = 3600;

    public static JwksCheckResult Check(FetchedResponse response)
    {
        var findings = new List<Finding>();
        if (!ResponseChecks.Check(response, Prefix, findings))
        {
            return new JwksCheckResult(findings, [], null);
        }

        var maxAge = CheckCacheControl(response.CacheControl, findings);
        var keys = new List<PublishedKey>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response.Body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            findings.Add(Finding.Error(
                ResponseChecks.Code(Prefix, FindingCodes.NotJson),
                $"the JWKS at {response.Url} is not valid JSON ({e.Message})",
                CloudErrors.KeyNotFound,
                "publish the JWKS issuersync builds: issuersync jwks --key KEY"));
            return new JwksCheckResult(findings, [], maxAge);
        }

        using (document)
        {
            var shape = JwksShape.Check(document.RootElement, JwksParser.MaxKeys, out var array);
            if (shape != JwksShapeProblem.None)
            {
                findings.Add(shape switch
                {
                    JwksShapeProblem.NotJwks => Finding.Error(
                        FindingCodes.JwksNotJwks,
                        $"the document at {response.Url} is not a JWKS: expected an object with a \"keys\" array",
                        CloudErrors.KeyNotFound,
                        "point jwks_uri at the JWKS (RFC 7517), not at a single key or another document"),
                    JwksShapeProblem.NoKeys => Finding.Error(
                        FindingCodes.JwksEmpty,
                        $"the JWKS at {response.Url} has no keys: no token can be verified",
                        CloudErrors.KeyNotFound,
                        "publish the cluster's service-account public keys: issuersync publish --key KEY"),
                    _ => Finding.Error(
                        FindingCodes.JwksTooManyKeys,
                        $"the JWKS has {array.GetArrayLength()} keys; more than {JwksParser.MaxKeys} is not a service-account key set",
                        CloudErrors.KeyNotFound,
                        "publish only the cluster's current and retained service-account keys"),
                });
                return new JwksCheckResult(findings, [], maxAge);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var key = CheckKey(element, index, seen, findings);
                if (key is not null)
                {
                    keys.Add(key);
                }
            }
        }

        if (keys.Count > 0 && !findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            findings.Add(Finding.Info(
                FindingCodes.JwksOk,
                $"JWKS at {response.Url}: {keys.Count} key(s): {string.Join(", ", keys.Select(k => $"{k.Key.Description} kid {k.Kid}"))}"));
        }

        return new JwksCheckResult(findings, keys, maxAge);
    }

    private static PublishedKey? CheckKey(JsonElement element, int index, HashSet<string> seen, List<Finding> findings)
    {
        var kid = JsonMembers.Text(element, "kid");
        var name = JwksShape.Name(element, index);
        if (kid is not null && !seen.Add(kid))
        {
            findings.Add(Finding.Error(
                FindingCodes.JwksKidDuplicate,
                $"{name}: kid '{kid}' appears twice: a cloud cannot tell which key verifies a token",
                CloudErrors.BadSignature,
                "publish each key once; distinct keys need distinct kids (issuersync computes Kubernetes' kid)"));
            return null;
        }

        // One key at a time through the shared parser, so each problem names this key.
        var single = Encoding.UTF8.GetBytes($"{{\"keys\":[{element.GetRawText()}]}}");
        var parsed = JwksParser.Parse(single, requireKubernetesKid: false);
        foreach (var problem in parsed.Problems)
        {
            findings.Add(Finding.Error(
                FindingCodes.JwksKeyInvalid,
                $"key {index}: {StripKeyName(problem, element)}",
                CloudErrors.KeyNotFound,
                "publish the JWKS issuersync builds from the cluster's public keys " +
                "(RSA ≥ 2048 bits or EC P-256/384/521, with kty, kid, alg, use: sig, and no private member)"));
        }

        if (!parsed.IsValid)
        {
            return null;
        }

        var key = parsed.Keys[0];
        if (!element.TryGetProperty("use", out _))
        {
            findings.Add(Finding.Warning(
                FindingCodes.JwksKeyNoUse,
                $"{name}: no 'use' member",
                "some verifiers skip keys without use: sig",
                "publish the JWKS issuersync builds (every key has use: sig)"));
        }

        if (!string.Equals(kid, key.Kid, StringComparison.Ordinal))
        {
            findings.Add(Finding.Error(
                FindingCodes.JwksKidNotKubernetes,
                $"{name}: the kid is not the one Kubernetes computes for this key ('{key.Kid}'): the cluster's tokens name that kid, which is not published",
                CloudErrors.KeyNotFound,
                "publish the JWKS with issuersync (it computes the kid as kube-apiserver does: base64url(SHA-256(DER public key)))"));
        }

        return new PublishedKey(kid!, key);
    }

    private static string StripKeyName(string problem, JsonElement element)
    {
        // JwksParser names the key "key 1" / "key 1 (kid X)" within the single-key document: keep the reason only.
        // The whole name is stripped, not up to the first ": ", which a kid may hold.
        var name = $"{JwksShape.Name(element, 1)}: ";
        return problem.StartsWith(name, StringComparison.Ordinal) ? problem[name.Length..] : problem;
    }

    private static int? CheckCacheControl(string? cacheControl, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(cacheControl))
        {
            findings.Add(Finding.Info(FindingCodes.JwksCache, "the JWKS has no Cache-Control header: caches and CDNs pick their own lifetime"));
            return null;
        }

        int? maxAge = null;
        int? sharedMaxAge = null;
        foreach (var directive in cacheControl.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = directive.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && int.TryParse(parts[1].Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                if (parts[0].Equals("max-age", StringComparison.OrdinalIgnoreCase))
                {
                    maxAge = seconds;
                }
                else if (parts[0].Equals("s-maxage", StringComparison.OrdinalIgnoreCase))
                {
                    sharedMaxAge = seconds;
                }
            }
        }

        var effective = sharedMaxAge is null ? maxAge : Math.Max(sharedMaxAge.Value, maxAge ?? 0);
        if (effective > LongCacheSeconds)
        {
            findings.Add(Finding.Warning(
                FindingCodes.JwksCacheLong,
                $"the JWKS may be cached for {effective} s (Cache-Control: {cacheControl}): a new key is seen that much later after a rotation",
                "tokens signed with a new key fail until caches expire (AADSTS7000272, InvalidIdentityToken)",
                $"publish with a Cache-Control max-age of at most {LongCacheSeconds} s (issuersync publish's default is short), " +
                "and publish new keys before the cluster signs with them"));
        }
        else
        {
            findings.Add(Finding.Info(FindingCodes.JwksCache, $"the JWKS is served with Cache-Control: {cacheControl}"));
        }

        return effective;
    }
}
