using System.Text.Json;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Json;

namespace IssuerSync.Core.Verification;

/// <summary>
/// Checks the response to GET {issuer}/.well-known/openid-configuration as Entra ID, AWS STS and
/// GCP read it: the HTTP response, the JSON, the issuer byte for byte, the jwks_uri and the fields
/// OpenID Connect Discovery requires.
/// </summary>
public static class DiscoveryChecks
{
    public const string Prefix = "DISCOVERY";

    public static readonly IReadOnlyList<string> RequiredFields =
        ["issuer", "jwks_uri", "response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported"];

    public static DiscoveryCheckResult Check(IssuerUrl issuer, FetchedResponse response)
    {
        var findings = new List<Finding>();
        if (!ResponseChecks.Check(response, Prefix, findings))
        {
            return new DiscoveryCheckResult(findings, null, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response.Body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            findings.Add(NotJson(response.Url, $"is not valid JSON ({e.Message})"));
            return new DiscoveryCheckResult(findings, null, null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                findings.Add(NotJson(response.Url, $"is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object"));
                return new DiscoveryCheckResult(findings, null, null);
            }

            CheckIssuer(issuer, JsonMembers.Text(root, "issuer"), findings);
            var jwksUri = CheckJwksUri(JsonMembers.Text(root, "jwks_uri"), findings);
            foreach (var field in RequiredFields.Where(f => f is not "issuer" and not "jwks_uri" && !root.TryGetProperty(f, out _)))
            {
                findings.Add(Finding.Error(
                    FindingCodes.DiscoveryFieldMissing,
                    $"the discovery document has no '{field}', which OpenID Connect Discovery requires",
                    "clouds that validate the metadata refuse the issuer (GCP STS: invalid_grant)",
                    "publish the discovery document issuersync builds (the fields kube-apiserver serves)"));
            }

            var algorithms = root.TryGetProperty("id_token_signing_alg_values_supported", out var algs) && algs.ValueKind == JsonValueKind.Array
                ? algs.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList()
                : null;
            if (findings.Count == 0)
            {
                findings.Add(Finding.Info(FindingCodes.DiscoveryOk, $"discovery document at {response.Url}: issuer matches, jwks_uri {jwksUri}"));
            }

            return new DiscoveryCheckResult(findings, jwksUri, algorithms);
        }
    }

    /// <summary>Every published key's alg must be listed in id_token_signing_alg_values_supported.</summary>
    public static void CheckAlgorithms(IReadOnlyList<string>? advertised, IEnumerable<string> keyAlgorithms, ICollection<Finding> findings)
    {
        if (advertised is null)
        {
            return;
        }

        foreach (var alg in keyAlgorithms.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Where(a => !advertised.Contains(a)))
        {
            findings.Add(Finding.Error(
                FindingCodes.DiscoveryAlgNotAdvertised,
                $"the JWKS has {alg} keys but id_token_signing_alg_values_supported is [{string.Join(", ", advertised)}]",
                "tokens signed with that algorithm are refused by clouds that honour the metadata (GCP STS: invalid_grant)",
                "publish the discovery document again with issuersync publish: it lists the algorithm of every published key"));
        }
    }

    private static void CheckIssuer(IssuerUrl issuer, string? published, List<Finding> findings)
    {
        if (published is null)
        {
            findings.Add(Finding.Error(
                FindingCodes.DiscoveryIssuerMissing,
                "the discovery document has no string 'issuer'",
                CloudErrors.IssuerMismatch,
                $"publish the discovery document with \"issuer\": \"{issuer.Value}\""));
            return;
        }

        if (string.Equals(published, issuer.Value, StringComparison.Ordinal))
        {
            return;
        }

        var slashOnly = issuer.DiffersOnlyBySlash(published);
        findings.Add(Finding.Error(
            slashOnly ? FindingCodes.DiscoveryIssuerTrailingSlash : FindingCodes.DiscoveryIssuerMismatch,
            slashOnly
                ? $"the discovery document's issuer '{published}' differs from '{issuer.Value}' by a trailing slash: clouds compare the issuer byte for byte"
                : $"the discovery document's issuer '{published}' is not '{issuer.Value}': clouds compare the issuer byte for byte",
            CloudErrors.IssuerMismatch,
            "make the cluster's --service-account-issuer, the published issuer and the cloud registration the same bytes (trailing slash included), " +
            "then publish again"));
    }

    private static string? CheckJwksUri(string? value, List<Finding> findings)
    {
        if (value is null)
        {
            findings.Add(Finding.Error(
                FindingCodes.DiscoveryJwksUriMissing,
                "the discovery document has no string 'jwks_uri': a cloud cannot find the keys",
                CloudErrors.KeyNotFound,
                "publish the discovery document issuersync builds (jwks_uri defaults to {issuer}/openid/v1/jwks)"));
            return null;
        }

        try
        {
            return JwksUri.Parse(value).Value;
        }
        catch (IssuerUrlException e)
        {
            findings.Add(Finding.Error(
                FindingCodes.DiscoveryJwksUriInvalid,
                e.Message,
                CloudErrors.KeyNotFound,
                "set jwks_uri to an absolute https URL where the JWKS is served (issuersync publish --jwks-uri)"));
            return null;
        }
    }

    private static Finding NotJson(string url, string what) => Finding.Error(
        ResponseChecks.Code(Prefix, FindingCodes.NotJson),
        $"the discovery document at {url} {what}",
        CloudErrors.DocumentUnreachable,
        "publish the discovery document issuersync builds: issuersync discovery --issuer ISSUER --key KEY");
}
