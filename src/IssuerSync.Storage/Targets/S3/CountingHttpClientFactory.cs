using Amazon.Runtime;

namespace IssuerSync.Storage.Targets.S3;

/// <summary>Gives the S3 client an HttpClient that counts every request it sends (retries included).</summary>
internal sealed class CountingHttpClientFactory(RequestCounter counter) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        => new(new CountingHandler(counter, new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }))
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class CountingHandler(RequestCounter counter, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Record(request.Method.Method);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
