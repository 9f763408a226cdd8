namespace IssuerSync.Storage.Tests.Publishing;

/// <summary>What a cloud does: a GET over plain HTTP without credentials.</summary>
internal static class AnonymousClient
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(20) };

    public static async Task<HttpResponseMessage> GetAsync(string url)
        => await Client.GetAsync(url);

    public static async Task<HttpResponseMessage> HeadAsync(string url)
        => await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
}
