using System.Collections.Concurrent;
using System.Net;
using System.Text;
using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>
/// A loopback proxy in front of s3rver that adds what s3rver lacks: the condition check of a PutObject with If-Match or
/// If-None-Match, as AWS S3 documents it. Every request goes to s3rver unchanged (method, path, query, headers with the
/// signed Host, body bytes) and its answer comes back unchanged. A conditional PUT first HEADs the key on s3rver, under
/// one lock per key held until the write is done, so check and write are atomic; when the condition fails the proxy
/// answers S3's XML error itself and s3rver sees nothing: 412 PreconditionFailed (If-None-Match: * and the key exists,
/// If-Match and the ETag differs), 404 NoSuchKey (If-Match and no such key), 409 ConditionalRequestConflict (another
/// conditional write to the key is in flight). When s3rver does not answer, the proxy drops the client's connection, as a dead store would.
/// </summary>
internal sealed class S3ConditionProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Expect", "Proxy-Connection", "TE", "Trailer" };

    private readonly Uri _upstream;
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None, UseProxy = false });
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _refusals = new();
    private LoopbackServer _server = null!;

    private S3ConditionProxy(Uri upstream) => _upstream = upstream;

    /// <summary>http://127.0.0.1:PORT/, the endpoint to give the S3 client.</summary>
    public Uri Endpoint => _server.BaseUri;

    /// <summary>The statuses of the answers the proxy gave itself (failed conditions), in order.</summary>
    public IReadOnlyList<int> Refusals => _refusals.ToArray();

    /// <summary>Every request the proxy received, as it came off the wire.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => _server.Requests;

    public static async Task<S3ConditionProxy> StartAsync(Uri upstream)
    {
        var proxy = new S3ConditionProxy(upstream);
        proxy._server = await LoopbackServer.StartAsync(proxy.HandleAsync);
        return proxy;
    }

    /// <summary>Takes the lock of /BUCKET/KEY as a write in flight would, until disposed: conditional writes to it meanwhile get 409.</summary>
    public async Task<IDisposable> HoldAsync(string bucket, string key)
    {
        var gate = Gate($"/{bucket}/{key}");
        await gate.WaitAsync();
        return new Release(gate);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _client.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        try
        {
            await ProxyAsync(context);
        }
        catch (HttpRequestException)
        {
            context.Abort();
        }
    }

    private async Task ProxyAsync(HttpContext context)
    {
        var request = context.Request;
        var ifMatch = request.Headers.IfMatch.ToString();
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        var objectPut = HttpMethods.IsPut(request.Method) && (request.Path.Value ?? "/").Trim('/').Contains('/', StringComparison.Ordinal) && !request.Query.ContainsKey("partNumber") && !request.Headers.ContainsKey("x-amz-copy-source");
        if (!objectPut)
        {
            await ForwardAsync(context);
            return;
        }

        // An unconditional PUT takes no lock: it overwrites whatever is there, as on S3.
        if (ifMatch.Length == 0 && ifNoneMatch.Length == 0)
        {
            await ForwardAsync(context);
            return;
        }

        var key = request.Path.ToUriComponent();
        var gate = Gate(key);
        if (!gate.Wait(0))
        {
            await RefuseAsync(context, HttpStatusCode.Conflict, "ConditionalRequestConflict", "The conditional request cannot succeed due to a conflicting operation against this resource.", null);
            return;
        }

        try
        {
            if (await CheckAsync(context, key, ifMatch, ifNoneMatch) is { } refusal)
            {
                await refusal;
                return;
            }

            await ForwardAsync(context);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Null when the condition holds, else the answer that refuses the write.</summary>
    private async Task<Task?> CheckAsync(HttpContext context, string key, string ifMatch, string ifNoneMatch)
    {
        if (ifNoneMatch.Length > 0 && ifNoneMatch != "*")
        {
            return RefuseAsync(context, HttpStatusCode.NotImplemented, "NotImplemented", "A header you provided implies functionality that is not implemented", "If-None-Match");
        }

        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(_upstream, key));
        using var current = await _client.SendAsync(head, context.RequestAborted);
        var etag = current.StatusCode == HttpStatusCode.OK ? current.Headers.ETag?.Tag : null;
        if (current.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
        {
            throw new InvalidOperationException($"s3rver answered HEAD {key} with {(int)current.StatusCode}");
        }

        if (ifNoneMatch == "*" && current.StatusCode == HttpStatusCode.OK)
        {
            return RefuseAsync(context, HttpStatusCode.PreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", "If-None-Match");
        }

        if (ifMatch.Length == 0)
        {
            return null;
        }

        if (etag is null)
        {
            return RefuseAsync(context, HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.", null);
        }

        var matches = ifMatch.Split(',', StringSplitOptions.TrimEntries).Any(tag => tag == "*" || Opaque(tag) == Opaque(etag));
        return matches ? null : RefuseAsync(context, HttpStatusCode.PreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", "If-Match");
    }

    private async Task RefuseAsync(HttpContext context, HttpStatusCode status, string code, string message, string? condition)
    {
        _refusals.Enqueue((int)status);
        var body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>")
            .Append($"<Code>{code}</Code><Message>{message}</Message>")
            .Append(condition is null ? string.Empty : $"<Condition>{condition}</Condition>")
            .Append($"<Resource>{context.Request.Path}</Resource><RequestId>C0ND1T10NPR0XY00</RequestId><HostId>s3-condition-proxy</HostId></Error>");
        context.Response.StatusCode = (int)status;
        context.Response.Headers["x-amz-request-id"] = "C0ND1T10NPR0XY00";
        context.Response.ContentType = "application/xml";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.ToString()));
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstream, request.GetEncodedPathAndQuery()));
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0 || request.ContentLength is not null)
        {
            forward.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            // Host stays as the client signed it (SigV4 signs it), so s3rver checks the signature the client made.
            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using (var answer = await _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted))
        {
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            if (!HttpMethods.IsHead(request.Method))
            {
                await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
        }
    }

    private SemaphoreSlim Gate(string key) => _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

    /// <summary>The ETag without a weak prefix: S3 compares the opaque value.</summary>
    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
