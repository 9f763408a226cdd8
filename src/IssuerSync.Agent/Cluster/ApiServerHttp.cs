using System.Net;
using System.Net.Http.Headers;
using IssuerSync.Core;
using k8s;

namespace IssuerSync.Agent.Cluster;

/// <summary>
/// GETs a non-resource path of the API server through the client's own pipeline: its HttpClient
/// (TLS with the cluster CA, client certificate) and its credentials (bearer token, exec plugin).
/// Used for the issuer discovery endpoints because the generated GetServiceAccountIssuerOpenID*
/// methods do not work against real clusters (kubernetes-client/csharp #969, #1340).
/// </summary>
internal static class ApiServerHttp
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static async Task<byte[]> GetAsync(
        Kubernetes client,
        string path,
        TimeSpan timeout,
        Func<HttpStatusCode, IssuerSyncException?> describeFailure,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path.TrimStart('/')));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (client.Credentials is not null)
        {
            await client.Credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await client.HttpClient.SendAsync(
                request,
                HttpCompletionOption.ResponseHeadersRead,
                timeoutSource.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw describeFailure(response.StatusCode) ?? AgentErrors.ApiServerStatus(
                    "/" + path.TrimStart('/'),
                    response.StatusCode,
                    response.ReasonPhrase);
            }

            if (response.Content.Headers.ContentLength > MaxBodyBytes)
            {
                throw AgentErrors.ApiServerStatus(
                    "/" + path.TrimStart('/'),
                    response.StatusCode,
                    $"an answer of {response.Content.Headers.ContentLength} bytes, over the {MaxBodyBytes} accepted");
            }

            var body = await response.Content.ReadAsByteArrayAsync(timeoutSource.Token).ConfigureAwait(false);
            return body.Length > MaxBodyBytes
                ? throw AgentErrors.ApiServerStatus("/" + path.TrimStart('/'), response.StatusCode, $"an answer over the {MaxBodyBytes} bytes accepted")
                : body;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw AgentErrors.ApiServerTimeout(client.BaseUri, "/" + path.TrimStart('/'), timeout);
        }
        catch (HttpRequestException e)
        {
            throw AgentErrors.ApiServerUnreachable(client.BaseUri, e.Message.TrimEnd('.'));
        }
    }
}
