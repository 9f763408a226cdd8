namespace IssuerSync.Core.Verification;

/// <summary>
/// The checks every issuer document's HTTP response must pass before its body means anything:
/// a response arrived, no redirect, 200, application/json, a sane size.
/// </summary>
public static class ResponseChecks
{
    /// <summary>The most a host reads of a document. Issuer documents are a few KiB at most.</summary>
    public const int MaxDocumentBytes = 64 * 1024;

    public const string JsonMediaType = "application/json";

    /// <summary>
    /// Adds the findings for <paramref name="response"/> and returns true when the body should be
    /// read further (a 200 with a complete body).
    /// </summary>
    /// <param name="prefix">"DISCOVERY" or "JWKS": the code prefix and the document's name.</param>
    public static bool Check(FetchedResponse response, string prefix, ICollection<Finding> findings)
    {
        var name = prefix == "JWKS" ? "JWKS" : "discovery document";
        if (response.TransportError is not null)
        {
            findings.Add(Finding.Error(
                Code(prefix, FindingCodes.Unreachable),
                $"GET {response.Url} failed: {response.TransportError}",
                CloudErrors.DocumentUnreachable,
                "serve the document over https from a host the cloud can reach, " +
                "with a certificate from a publicly trusted CA (use --ca-cert only for private PKI tests)"));
            return false;
        }

        if (response.StatusCode is >= 300 and < 400)
        {
            findings.Add(Finding.Error(
                Code(prefix, FindingCodes.Redirect),
                $"GET {response.Url} answered {response.StatusCode} redirecting to {response.Location ?? "(no Location header)"}: " +
                $"clouds fetch the {name} at this exact URL and do not all follow redirects",
                CloudErrors.DocumentUnreachable,
                $"serve the {name} at {response.Url} itself (a static website index or a CDN rule that redirects breaks it)"));
            return false;
        }

        if (response.StatusCode != 200)
        {
            findings.Add(StatusFinding(response, prefix, name));
            return false;
        }

        var mediaType = MediaType(response.ContentType);
        if (!string.Equals(mediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(Finding.Error(
                Code(prefix, FindingCodes.ContentType),
                $"the {name} at {response.Url} is served with Content-Type '{response.ContentType ?? "(none)"}', not '{JsonMediaType}'",
                $"Entra ID refuses the {name} (AADSTS90061); other clouds may too",
                $"set Content-Type: {JsonMediaType} on the stored object (issuersync publish does; " +
                $"for blobs: az storage blob update --content-type {JsonMediaType}; for S3: --content-type {JsonMediaType})"));
        }

        if (response.Truncated)
        {
            findings.Add(Finding.Error(
                Code(prefix, FindingCodes.TooLarge),
                $"the {name} at {response.Url} is larger than {MaxDocumentBytes / 1024} KiB: " +
                "no issuer document needs that much, and clouds cap what they fetch",
                CloudErrors.DocumentUnreachable,
                $"publish only the {name} at this URL (issuersync publish writes a few hundred bytes)"));
            return false;
        }

        if (response.Body.Length == 0)
        {
            findings.Add(Finding.Error(
                Code(prefix, FindingCodes.NotJson),
                $"the {name} at {response.Url} is empty",
                CloudErrors.DocumentUnreachable,
                $"publish the {name} again: issuersync publish --issuer ISSUER --key KEY --target TARGET"));
            return false;
        }

        return true;
    }

    public static string Code(string prefix, string code) => $"{prefix}_{code}";

    private static Finding StatusFinding(FetchedResponse response, string prefix, string name) => response.StatusCode switch
    {
        404 => Finding.Error(
            Code(prefix, FindingCodes.NotFound),
            $"GET {response.Url} answered 404 Not Found",
            CloudErrors.DocumentUnreachable,
            prefix == "JWKS"
                ? "publish the JWKS at exactly the jwks_uri of the discovery document"
                : "publish the discovery document at exactly {issuer}/.well-known/openid-configuration " +
                  "(not oidc-configuration, not openid-configuration.json): issuersync publish writes it there"),
        401 or 403 or 409 => Finding.Error(
            Code(prefix, FindingCodes.NotAnonymous),
            $"GET {response.Url} answered {response.StatusCode}: the {name} cannot be read anonymously",
            CloudErrors.DocumentUnreachable,
            "allow anonymous read: Azure: use the $web static website container or a container with public access 'blob' " +
            "(allowBlobPublicAccess must be enabled on the account, and no storage firewall); " +
            "S3: a bucket policy allowing s3:GetObject on the issuer prefix, or CloudFront in front of a private bucket"),
        _ => Finding.Error(
            Code(prefix, FindingCodes.Status),
            $"GET {response.Url} answered {response.StatusCode}, expected 200",
            CloudErrors.DocumentUnreachable,
            $"make the host serve the {name} with 200 OK"),
    };

    private static string? MediaType(string? contentType)
        => contentType?.Split(';', 2)[0].Trim();
}
