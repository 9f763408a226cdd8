using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using IssuerSync.Core.Verification;

namespace IssuerSync.Cli.Verify;

/// <summary>
/// GETs issuer documents the way a cloud does: https only, no redirect followed (a 3xx is returned
/// as it is), the certificate validated against the system's public roots and, when given, the extra
/// roots of --ca-cert; bodies read up to <see cref="ResponseChecks.MaxDocumentBytes"/>. Records
/// the TLS chain each host served, for the AWS thumbprint.
/// </summary>
internal sealed class IssuerFetcher : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly X509Certificate2Collection? _trustRoots;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, ServedChain> _chains = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _privateOnly = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _tlsFailures = new(StringComparer.OrdinalIgnoreCase);

    public IssuerFetcher(X509Certificate2Collection? trustRoots, TimeSpan? timeout = null)
    {
        _trustRoots = trustRoots;
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ServerCertificateCustomValidationCallback = Validate,
        };
        _client = new HttpClient(handler) { Timeout = timeout ?? DefaultTimeout };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("issuersync-verify", "1"));
    }

    /// <summary>The chain the host of <paramref name="url"/> served, once a request to it was made.</summary>
    public ServedChain? ChainOf(Uri url) => _chains.GetValueOrDefault(Authority(url));

    /// <summary>The hosts whose certificate chained only to the --ca-cert roots, not to a public root: a cloud would refuse them.</summary>
    public IReadOnlyCollection<string> TrustedOnlyByExtraRoots => _privateOnly.Keys.ToArray();

    public async Task<FetchedResponse> GetAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return FetchedResponse.Failed(url, "not an https URL: clouds fetch issuer documents over https only");
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var (body, truncated) = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return new FetchedResponse
            {
                Url = url,
                StatusCode = (int)response.StatusCode,
                ContentType = response.Content.Headers.TryGetValues("Content-Type", out var contentType) ? string.Join(", ", contentType) : null,
                CacheControl = response.Headers.TryGetValues("Cache-Control", out var cacheControl) ? string.Join(", ", cacheControl) : null,
                Location = response.Headers.Location?.OriginalString,
                Body = body,
                Truncated = truncated,
            };
        }
        catch (HttpRequestException e)
        {
            return FetchedResponse.Failed(url, Describe(uri, e));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchedResponse.Failed(url, $"no response within {_client.Timeout.TotalSeconds:0} s");
        }
    }

    public void Dispose() => _client.Dispose();

    private static async Task<(byte[] Body, bool Truncated)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var limit = ResponseChecks.MaxDocumentBytes;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[limit + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read > limit ? (buffer[..limit], true) : (buffer[..read], false);
    }

    private static string Authority(Uri url) => $"{url.Host}:{url.Port}";

    private string Describe(Uri uri, HttpRequestException e)
    {
        if (_tlsFailures.TryGetValue(Authority(uri), out var tls))
        {
            return tls;
        }

        var inner = e.InnerException;
        return inner is AuthenticationException
            ? $"TLS handshake with {uri.Authority} failed ({inner.Message.TrimEnd('.')})"
            : $"{e.Message.TrimEnd('.')}{(inner is null ? string.Empty : $" ({inner.Message.TrimEnd('.')})")}";
    }

    private bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var authority = Authority(request.RequestUri!);
        if (certificate is null)
        {
            _tlsFailures[authority] = $"TLS: {authority} presented no certificate";
            return false;
        }

        var served = new List<X509Certificate2> { X509CertificateLoader.LoadCertificate(certificate.RawData) };
        if (chain is not null)
        {
            served.AddRange(chain.ChainPolicy.ExtraStore
                .Where(c => !c.RawData.AsSpan().SequenceEqual(certificate.RawData))
                .Select(c => X509CertificateLoader.LoadCertificate(c.RawData)));
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            _tlsFailures[authority] = $"TLS: the certificate of {request.RequestUri!.Host} does not name that host (subject {certificate.Subject}): " +
                "clouds refuse it; issue a certificate for the issuer's host";
            return false;
        }

        if (errors == SslPolicyErrors.None && chain is not null)
        {
            Record(authority, served, chain);
            return true;
        }

        if (_trustRoots is not null)
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(_trustRoots);
            custom.ChainPolicy.ExtraStore.AddRange(served.Skip(1).ToArray());
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (custom.Build(certificate))
            {
                _privateOnly[authority] = true;
                Record(authority, served, custom);
                return true;
            }

            _tlsFailures[authority] = $"TLS: the certificate of {authority} does not chain to a public root nor to --ca-cert ({Status(custom)})";
            return false;
        }

        _tlsFailures[authority] = $"TLS: the certificate of {authority} is not trusted ({(chain is null ? errors.ToString() : Status(chain))}): " +
            "clouds accept only publicly trusted certificates (use --ca-cert to test a private CA)";
        return false;
    }

    private void Record(string authority, List<X509Certificate2> served, X509Chain chain)
        => _chains[authority] = new ServedChain(
            authority,
            served,
            chain.ChainElements.Select(e => X509CertificateLoader.LoadCertificate(e.Certificate.RawData)).ToList());

    private static string Status(X509Chain chain)
    {
        var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList();
        return statuses.Count == 0 ? "unknown chain error" : string.Join(", ", statuses);
    }
}
