using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace IssuerSync.Agent.Push;

/// <summary>
/// The HttpClient a <see cref="PushClient"/> sends with: it follows no redirect, because a redirect
/// would carry the bearer token, the function key and the body to whatever origin the Location names.
/// With extra roots (<c>--ca-cert</c>, a publisher behind a private CA) a certificate is trusted when it
/// chains to the system's roots or to one of them; the host name is always checked.
/// </summary>
public static class PushHttpClient
{
    public static HttpClient Create(X509Certificate2Collection? extraRoots = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (extraRoots is { Count: > 0 })
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate, chain, errors, extraRoots),
            };
        }

        return new HttpClient(handler)
        {
            // PushClient bounds every attempt with its own RequestTimeout.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    private static bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection extraRoots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Thrown, not returned false, so the reason reaches the push error (HttpRequestException's inner exception).
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            throw new AuthenticationException($"the publisher's certificate does not name its host ({errors})");
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (ExtraRootChain.Chains(leaf, chain, extraRoots, out var failure))
        {
            return true;
        }

        throw new AuthenticationException($"the publisher's certificate ({leaf.Subject}) chains neither to a system root nor to --ca-cert ({failure})");
    }
}
