using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// The thumbprint IAM's create-open-id-connect-provider expects: the SHA-1 (40 hex digits) of the
/// top intermediate CA certificate the host presents, i.e. the last certificate of
/// <c>openssl s_client -showcerts</c> (the root when the host sends it). When the host sends its
/// leaf alone, the root the chain was built to is the top CA.
/// </summary>
public static class AwsThumbprint
{
    /// <param name="served">The certificates the host sent, leaf first.</param>
    /// <param name="built">The validated chain, leaf to root.</param>
    public static X509Certificate2 SelectCertificate(IReadOnlyList<X509Certificate2> served, IReadOnlyList<X509Certificate2> built)
    {
        if (built.Count == 0)
        {
            throw new ArgumentException("the chain is empty", nameof(built));
        }

        var sent = served.Skip(1).Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = built.Count - 1; i >= 1; i--)
        {
            if (sent.Contains(built[i].Thumbprint))
            {
                return built[i];
            }
        }

        return built[^1];
    }

#pragma warning disable CA5350 // AWS IAM defines an OIDC provider's thumbprint as the SHA-1 of the certificate: not a security use of SHA-1 here.
    public static string Of(X509Certificate2 certificate) => Convert.ToHexString(SHA1.HashData(certificate.RawData)).ToLowerInvariant();
#pragma warning restore CA5350

    /// <summary>Checks a thumbprint given by hand: 40 hex digits (colons allowed), returned lowercase without colons.</summary>
    public static string Normalize(string thumbprint)
    {
        var hex = thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        return hex.Length == 40 && hex.All(char.IsAsciiHexDigit)
            ? hex.ToLowerInvariant()
            : throw new IssuerSyncException(
                $"--thumbprint '{thumbprint}' is not a SHA-1 thumbprint (40 hex digits): omit it to compute it from the issuer host's TLS chain");
    }
}
