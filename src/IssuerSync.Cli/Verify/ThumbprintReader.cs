using IssuerSync.Core;
using IssuerSync.Core.CloudSetup;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Verification;

namespace IssuerSync.Cli.Verify;

/// <summary>
/// Computes the AWS IAM thumbprint from the real TLS chain of the host that serves the JWKS (the
/// jwks_uri of the issuer's discovery document), as IAM does.
/// </summary>
internal static class ThumbprintReader
{
    public static async Task<(string Thumbprint, string Source)> ReadAsync(IssuerUrl issuer, IssuerFetcher fetcher, CancellationToken cancellationToken)
    {
        var discovery = await fetcher.GetAsync(issuer.DiscoveryUrl, cancellationToken).ConfigureAwait(false);
        var checkedDiscovery = DiscoveryChecks.Check(issuer, discovery);
        if (checkedDiscovery.JwksUri is null)
        {
            var problem = checkedDiscovery.Findings.FirstOrDefault(f => f.Severity == FindingSeverity.Error)?.Message ?? "no jwks_uri";
            throw new IssuerSyncException($"cannot compute the AWS thumbprint: {problem}: " +
                $"run issuersync verify {issuer.Value} and fix it, or give --thumbprint");
        }

        var jwksUri = new Uri(checkedDiscovery.JwksUri);
        var jwks = await fetcher.GetAsync(checkedDiscovery.JwksUri, cancellationToken).ConfigureAwait(false);
        var chain = fetcher.ChainOf(jwksUri)
            ?? throw new IssuerSyncException($"cannot compute the AWS thumbprint: no TLS chain from {jwksUri.Authority} " +
                $"({jwks.TransportError ?? "no connection"}): give --ca-cert for a private CA, or --thumbprint");
        var certificate = AwsThumbprint.SelectCertificate(chain.Served, chain.Built);
        return (AwsThumbprint.Of(certificate), $"'{certificate.Subject}', the top CA certificate {jwksUri.Authority} serves");
    }
}
