using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust aws</c>'s own step: the provider thumbprint, from the TLS chain the issuer's host serves.</summary>
internal static class TrustAwsCommand
{
    /// <summary>The thumbprint <paramref name="given"/> by hand, else computed from the served TLS chain, with the certificate it is of.</summary>
    public static async Task<(string Thumbprint, string? Source)> ThumbprintAsync(
        WorkloadIdentity identity,
        string? given,
        string? caCert,
        CancellationToken cancellationToken)
    {
        if (given is not null)
        {
            return (given, null);
        }

        using var fetcher = new IssuerFetcher(TrustRoots.Load(caCert));
        return await ThumbprintReader.ReadAsync(identity.Issuer, fetcher, cancellationToken).ConfigureAwait(false);
    }
}
