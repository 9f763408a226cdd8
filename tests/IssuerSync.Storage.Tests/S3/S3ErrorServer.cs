using System.Net;
using System.Text;
using IssuerSync.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace IssuerSync.Storage.Tests.S3;

/// <summary>
/// A loopback HTTP server that answers every request as S3 answers a failed one: a status, S3's headers and its
/// XML error document (&lt;Error&gt;&lt;Code&gt;…), so the SDK raises what it raises against AWS.
/// </summary>
internal sealed class S3ErrorServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private S3ErrorServer(LoopbackServer server) => _server = server;

    public Uri Endpoint => _server.BaseUri;

    public int Requests => _server.Requests.Count;

    public static async Task<S3ErrorServer> StartAsync(HttpStatusCode status, string code, string message, IReadOnlyDictionary<string, string> headers)
    {
        var bytes = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>imitation</HostId></Error>");
        return new S3ErrorServer(await LoopbackServer.StartAsync(
            async context =>
            {
                context.Response.StatusCode = (int)status;
                context.Response.Headers["x-amz-request-id"] = "4442587FB7D0A2F9";
                foreach (var (name, value) in headers)
                {
                    context.Response.Headers[name] = value;
                }

                if (HttpMethods.IsHead(context.Request.Method))
                {
                    return;
                }

                context.Response.ContentType = "application/xml";
                await context.Response.Body.WriteAsync(bytes);
            },
            new LoopbackServerOptions { RecordBodies = false }));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
