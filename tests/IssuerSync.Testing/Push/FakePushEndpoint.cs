using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IssuerSync.Core.Push;
using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Testing.Push;

/// <summary>
/// The publisher's push endpoint on loopback: records every push byte for byte (headers and body) and answers from a
/// script of replies (then 200 accepted), so retries and refusals can be counted.
/// </summary>
public sealed class FakePushEndpoint : IAsyncDisposable
{
    private LoopbackServer _server = null!;

    private FakePushEndpoint()
    {
    }

    public ConcurrentQueue<RecordedPush> Pushes { get; } = new();

    /// <summary>Replies given in order; when empty, 200 with an "accepted" PushResponse.</summary>
    public ConcurrentQueue<PublisherReply> Replies { get; } = new();

    public Uri BaseUri => _server.BaseUri;

    /// <summary>
    /// Bind each token to the first body accepted with it, as the real publisher does: the same token
    /// with another body is refused 409 token_replayed; with the same body it is accepted again.
    /// </summary>
    public bool BindTokens { get; set; }

    private ConcurrentDictionary<string, string> Bindings { get; } = new();

    /// <summary>Listens on http://127.0.0.1, or https with <paramref name="certificate"/> (leaf, then <paramref name="chain"/>).</summary>
    public static async Task<FakePushEndpoint> StartAsync(X509Certificate2? certificate = null, X509Certificate2Collection? chain = null)
    {
        var endpoint = new FakePushEndpoint();
        endpoint._server = await LoopbackServer.StartAsync(endpoint.HandleAsync, new LoopbackServerOptions { Certificate = certificate, Chain = chain }).ConfigureAwait(false);
        return endpoint;
    }

    public void Reply(HttpStatusCode status, string? body = null, TimeSpan? delay = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Replies.Enqueue(new PublisherReply(status, body, delay ?? TimeSpan.Zero));
        }
    }

    /// <summary>Answers the next request with a redirect to <paramref name="location"/>.</summary>
    public void Redirect(HttpStatusCode status, string location) => Replies.Enqueue(new PublisherReply(status, null, TimeSpan.Zero, location));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var push = new RecordedPush(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, buffer.ToArray());
        Pushes.Enqueue(push);
        var body = Convert.ToHexString(SHA256.HashData(push.Body));
        if (BindTokens && push.Bearer is { } bearer && Bindings.GetOrAdd(bearer, body) != body)
        {
            context.Response.StatusCode = (int)HttpStatusCode.Conflict;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":"token_replayed","message":"this token was already used with another body: a token authenticates one push; request a fresh token for every push"}""").ConfigureAwait(false);
            return;
        }

        if (!Replies.TryDequeue(out var reply))
        {
            var request = PushRequest.FromJson(push.Body);
            var kids = request.Jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
            reply = new PublisherReply(HttpStatusCode.OK, Encoding.UTF8.GetString(new PushResponse { Status = "accepted", Changed = true, Published = kids }.ToJson()), TimeSpan.Zero);
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = (int)reply.Status;
        if (reply.Location is not null)
        {
            context.Response.Headers.Location = reply.Location;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body).ConfigureAwait(false);
        }
    }
}
