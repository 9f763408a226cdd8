using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Agent.Hosting;
using IssuerSync.Agent.Push;
using IssuerSync.Cli.Commands;
using IssuerSync.Core;
using IssuerSync.Core.Push;

namespace IssuerSync.Cli.Operators;

/// <summary>
/// Calls the publisher's operator routes (docs/publisher-api.md): https (http to loopback only), the
/// function key as <c>x-functions-key</c>, no redirect followed, the certificate checked against the
/// public roots and, when given, <c>--ca-cert</c>; one attempt with a timeout. Any answer but a 2xx
/// JSON object becomes a <see cref="PublisherException"/>.
/// </summary>
internal sealed class PublisherClient : IDisposable
{
    public const int MaxAnswerBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly string? _functionKey;
    private readonly TimeSpan _timeout;
    private readonly X509Certificate2Collection? _trustRoots;
    private string? _tlsFailure;

    private PublisherClient(Uri baseUrl, string? functionKey, X509Certificate2Collection? trustRoots, TimeSpan timeout)
    {
        BaseUrl = baseUrl;
        _functionKey = functionKey;
        _trustRoots = trustRoots;
        _timeout = timeout;
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = true,
            ServerCertificateCustomValidationCallback = Validate,
        };
        _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public Uri BaseUrl { get; }

    /// <summary>Checks every input (URL, key, CA file) before anything is sent.</summary>
    public static async Task<PublisherClient> CreateAsync(PublisherConnection connection, CancellationToken cancellationToken)
    {
        var baseUrl = PublisherEndpoint.BaseUrl(connection.Publisher);
        var key = await AgentSetup.FunctionKeyAsync(connection.FunctionKeyFile, cancellationToken).ConfigureAwait(false);
        if (key is not null && key.Any(c => c is < '!' or > '~'))
        {
            var source = connection.FunctionKeyFile is null ? $"${AgentOptions.FunctionKeyVariable}" : $"--function-key-file '{connection.FunctionKeyFile}'";
            throw new IssuerSyncException($"{source}: the key holds a space, line break or non-ASCII character, which no function key has. " +
                "Hint: put the key alone on one line");
        }

        return new PublisherClient(baseUrl, key, TrustRoots.Load(connection.CaCert), connection.Timeout);
    }

    public Task<PublisherAnswer> GetAsync(string route, string what, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, route, null, what, cancellationToken);

    public Task<PublisherAnswer> PostAsync(string route, JsonObject? body, string what, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, route, body, what, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<PublisherAnswer> SendAsync(HttpMethod method, string route, JsonObject? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, route));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("issuersync", "1"));
        if (_functionKey is not null)
        {
            request.Headers.Add(PushProtocol.FunctionKeyHeader, _functionKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                throw PublisherErrors.Redirected(what, status, response.Headers.Location?.OriginalString);
            }

            var text = await ReadAsync(response.Content, what, timeout.Token).ConfigureAwait(false);
            return status is >= 200 and < 300 ? Answer(what, status, text) : throw Refusal(what, status, text);
        }
        catch (HttpRequestException e)
        {
            throw PublisherErrors.Unreachable(BaseUrl, Describe(e));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw PublisherErrors.Timeout(what, BaseUrl, _timeout);
        }
    }

    private static PublisherAnswer Answer(string what, int status, string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject json
                ? new PublisherAnswer(text, json)
                : throw PublisherErrors.NotJson(what, status, "not an object");
        }
        catch (JsonException e)
        {
            throw PublisherErrors.NotJson(what, status, e.Message.TrimEnd('.'));
        }
    }

    private static PublisherException Refusal(string what, int status, string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject json && json["error"] is JsonValue error && error.TryGetValue<string>(out var code))
            {
                var message = json["message"] is JsonValue m && m.TryGetValue<string>(out var s) ? s : null;
                return PublisherErrors.Refused(what, status, code, message, text);
            }
        }
        catch (JsonException)
        {
            // Not the publisher's refusal body: worded by status below.
        }

        return PublisherErrors.Status(what, status, text);
    }

    private static async Task<string> ReadAsync(HttpContent content, string what, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxAnswerBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        return read > MaxAnswerBytes ? throw PublisherErrors.TooLarge(what, MaxAnswerBytes) : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private string Describe(HttpRequestException e)
    {
        if (_tlsFailure is not null)
        {
            return _tlsFailure;
        }

        var inner = e.InnerException;
        return inner is AuthenticationException
            ? $"TLS handshake failed: {inner.Message.TrimEnd('.')}"
            : inner is null || e.Message.Contains(inner.Message, StringComparison.Ordinal)
                ? e.Message.TrimEnd('.')
                : $"{e.Message.TrimEnd('.')}: {inner.Message.TrimEnd('.')}";
    }

    private bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var host = request.RequestUri!.Host;
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            _tlsFailure = $"TLS: the certificate of {host} does not name that host ({errors})";
            return false;
        }

        if (_trustRoots is null)
        {
            _tlsFailure = $"TLS: the certificate of {host} is not trusted ({ExtraRootChain.Statuses(chain)}); " +
                "for a publisher behind a private CA pass --ca-cert CA.pem";
            return false;
        }

        if (ExtraRootChain.Chains(certificate, chain, _trustRoots, out var failure))
        {
            return true;
        }

        _tlsFailure = $"TLS: the certificate of {host} chains neither to a public root nor to --ca-cert ({failure})";
        return false;
    }
}
