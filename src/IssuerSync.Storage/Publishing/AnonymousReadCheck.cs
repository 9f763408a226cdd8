using System.Net;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.Publishing;

/// <summary>GETs a published document without credentials, as Entra ID and AWS STS do.</summary>
internal static class AnonymousReadCheck
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static async Task RunAsync(IBlobTarget target, RequestCounter requests, string name, Uri url, byte[] expected, CancellationToken cancellationToken)
    {
        requests.RecordRead();
        HttpResponseMessage response;
        try
        {
            response = await Client.GetAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new StorageException(
                StorageErrorCodes.Unreachable,
                $"{target.DisplayName}: the documents were written but the {name} document could not be fetched anonymously " +
                $"from {url}: {e.Message}",
                new StorageHint("check the storage firewall and network rules"),
                e);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var code = response.Headers.TryGetValues("x-ms-error-code", out var codes) ? " " + string.Join(",", codes) : string.Empty;
                throw new StorageException(
                    StorageErrorCodes.NotAnonymouslyReadable,
                    $"{target.DisplayName}: the documents were written but {url} is not readable anonymously " +
                    $"(HTTP {(int)response.StatusCode}{code}), so clouds cannot fetch the {name} document",
                    target.AnonymousReadFix);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!bytes.AsSpan().SequenceEqual(expected))
            {
                throw new StorageException(
                    StorageErrorCodes.StoreAltered,
                    $"{target.DisplayName}: an anonymous GET of {url} returned {bytes.Length} bytes that differ from the {expected.Length} " +
                    $"bytes published: something between the store and its readers alters the {name} document",
                    null);
            }
        }
    }
}
