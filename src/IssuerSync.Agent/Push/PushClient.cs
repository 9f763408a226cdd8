using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IssuerSync.Core.Push;
using IssuerSync.Core.Retries;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Agent.Push;

/// <summary>
/// Sends a push (docs/push-protocol.md): <c>POST {publisher}/api/PushKeys</c> with the bearer token,
/// retrying transient failures with exponential backoff and jitter, and stopping at once on a 4xx,
/// whose reason it reports, and on a 3xx, which it never follows (build the HttpClient with
/// <see cref="PushHttpClient.Create"/>). Asks for a token per attempt, so a retry never outlives its token.
/// </summary>
public sealed partial class PushClient
{
    private readonly HttpClient _http;
    private readonly PushClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PushClient(HttpClient http, Uri endpoint, PushClientOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _http = http;
        Endpoint = endpoint;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public Uri Endpoint { get; }

    public async Task<PushReply> PushAsync(PushRequest body, Func<CancellationToken, Task<string>> token, CancellationToken cancellationToken = default)
    {
        var bytes = body.ToJson();
        for (var attempt = 1; ; attempt++)
        {
            var failure = await AttemptAsync(bytes, token, attempt, cancellationToken).ConfigureAwait(false);
            if (failure.Result is { } result)
            {
                return result;
            }

            if (attempt >= _options.MaxAttempts)
            {
                Log.PushGaveUp(_logger, Endpoint, attempt, failure.Transient!);
                throw new PushFailedException(Endpoint, attempt, failure.Transient!);
            }

            // Equal jitter: a publisher that failed is never retried at once; the first ceiling is InitialBackoff.
            var delay = Backoff.Delay(attempt - 1, _options.InitialBackoff, _options.MaxBackoff, _options.Random, BackoffJitter.Equal);
            Log.PushRetrying(_logger, Endpoint, attempt, _options.MaxAttempts, failure.Transient!, delay.TotalSeconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(PushReply? Result, string? Transient)> AttemptAsync(
        byte[] body,
        Func<CancellationToken, Task<string>> token,
        int attempt,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token(cancellationToken).ConfigureAwait(false));
        if (!string.IsNullOrEmpty(_options.FunctionKey))
        {
            request.Headers.TryAddWithoutValidation(PushProtocol.FunctionKeyHeader, _options.FunctionKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        byte[] answer;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            answer = await ReadLimitedAsync(response, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return (
                null,
                $"TLS: the connection to {Endpoint.Authority} was refused ({Innermost(e).Message.TrimEnd('.')}); " +
                "for a publisher behind a private CA pass --ca-cert CA.pem");
        }
        catch (HttpRequestException e)
        {
            return (null, $"a network error ({e.Message.TrimEnd('.')})");
        }

        using (response)
        {
            var status = response.StatusCode;
            var parsed = TryParse(answer);
            if (response.IsSuccessStatusCode)
            {
                return (new PushReply(status, parsed ?? new PushResponse { Status = PushStatus.Accepted }, attempt), null);
            }

            if ((int)status is >= 300 and < 400)
            {
                var location = response.Headers.Location is { } target ? new Uri(Endpoint, target).ToString() : "no Location";
                Log.PushRedirected(_logger, Endpoint, (int)status, location);
                throw AgentErrors.PushRedirected(Endpoint, status, location);
            }

            if ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                return (null, $"{(int)status} {status}{(parsed?.Error is { } e ? $" ({e})" : string.Empty)}");
            }

            Log.PushRejected(_logger, Endpoint, (int)status, parsed?.Error ?? "none", parsed?.Message ?? "no reason given");
            throw new PushRejectedException(status, parsed?.Error, parsed?.Message, attempt);
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0 && buffer.Length < PushProtocol.MaxBodyBytes)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static PushResponse? TryParse(byte[] answer)
    {
        if (answer.Length == 0)
        {
            return null;
        }

        try
        {
            return PushResponse.FromJson(answer);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, EventName = "PushRetrying", Level = LogLevel.Warning,
            Message = "Push to {Endpoint} failed (attempt {Attempt} of {MaxAttempts}) with {Failure}; retrying in {DelaySeconds:0.0} s")]
        public static partial void PushRetrying(ILogger logger, Uri endpoint, int attempt, int maxAttempts, string failure, double delaySeconds);

        [LoggerMessage(EventId = 21, EventName = "PushGaveUp", Level = LogLevel.Error,
            Message = "Push to {Endpoint} failed {Attempts} times, the last with {Failure}; giving up until the next interval")]
        public static partial void PushGaveUp(ILogger logger, Uri endpoint, int attempts, string failure);

        [LoggerMessage(EventId = 22, EventName = "PushRejected", Level = LogLevel.Error,
            Message = "The publisher at {Endpoint} refused the push with {StatusCode} ({Reason}): {PublisherMessage}; not retrying")]
        public static partial void PushRejected(ILogger logger, Uri endpoint, int statusCode, string reason, string publisherMessage);

        [LoggerMessage(EventId = 23, EventName = "PushRedirected", Level = LogLevel.Error,
            Message = "The publisher at {Endpoint} answered {StatusCode} redirecting to {Location}; redirects are never followed; not retrying")]
        public static partial void PushRedirected(ILogger logger, Uri endpoint, int statusCode, string location);
    }
}
