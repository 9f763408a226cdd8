using IssuerSync.Core;
using IssuerSync.Core.Verification;

namespace IssuerSync.Cli.Verify;

/// <summary>
/// Runs the checks in the order a cloud meets them: issuer URL, discovery document, JWKS, then the
/// token. Fetching happens here; every decision is made by the pure checks in Core.
/// </summary>
internal static class IssuerVerifier
{
    public static async Task<VerificationReport> VerifyAsync(VerifyOptions options, IssuerFetcher fetcher, CancellationToken cancellationToken = default)
    {
        var token = options.TokenFile is null ? null : await ReadTokenAsync(options.TokenFile, cancellationToken).ConfigureAwait(false);
        var findings = new List<Finding>();
        var issuer = IssuerChecks.Check(options.Issuer, findings);
        if (issuer is null)
        {
            return new VerificationReport(options.Issuer, findings, null, null);
        }

        var discoveryResponse = await fetcher.GetAsync(issuer.DiscoveryUrl, cancellationToken).ConfigureAwait(false);
        var discovery = DiscoveryChecks.Check(issuer, discoveryResponse);
        findings.AddRange(discovery.Findings);

        IReadOnlyList<PublishedKey> keys = [];
        if (discovery.JwksUri is not null)
        {
            var jwksResponse = await fetcher.GetAsync(discovery.JwksUri, cancellationToken).ConfigureAwait(false);
            var jwks = JwksChecks.Check(jwksResponse);
            findings.AddRange(jwks.Findings);
            keys = jwks.Keys;
            DiscoveryChecks.CheckAlgorithms(discovery.Algorithms, keys.Select(k => k.Key.Algorithm), findings);
        }

        if (token is null)
        {
            return new VerificationReport(issuer.Value, findings, null, null) { PrivatelyTrustedHosts = [.. fetcher.TrustedOnlyByExtraRoots] };
        }

        var tokenResult = await TokenChecks.CheckAsync(
            token,
            new TokenCheckOptions { Issuer = issuer, Keys = keys, Audience = options.Audience, TimeProvider = options.TimeProvider },
            cancellationToken).ConfigureAwait(false);
        findings.AddRange(tokenResult.Findings);
        return new VerificationReport(issuer.Value, findings, tokenResult.Subject, tokenResult.Audiences)
        {
            PrivatelyTrustedHosts = [.. fetcher.TrustedOnlyByExtraRoots],
        };
    }

    private static async Task<string> ReadTokenAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IssuerSyncException($"--token {file}: cannot read the token ({e.Message.TrimEnd('.')}): " +
                "give the path of a projected service-account token, e.g. /var/run/secrets/tokens/TOKEN");
        }
    }
}
