using System.Net;
using System.Text.RegularExpressions;

namespace IssuerSync.Storage.Targets.Azure;

/// <summary>
/// An azblob: target parsed: the account's blob endpoint, the container, an optional prefix and an
/// optional SAS token. Forms: https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX][?SAS] and, for
/// Azurite and other IP-style endpoints, http://127.0.0.1:PORT/ACCOUNT/CONTAINER[/PREFIX].
/// </summary>
public sealed partial record AzureBlobLocation(Uri AccountUrl, string Container, string Prefix, string? Sas)
{
    public const string Scheme = "azblob:";

    /// <summary>The container URL with the prefix and without the SAS: safe to print.</summary>
    public string PublicText => $"{AccountUrl.ToString().TrimEnd('/')}/{Container}{(Prefix.Length > 0 ? "/" + Prefix : string.Empty)}";

    /// <summary>The storage account's name: the host's first label, or the first path segment of an IP-style endpoint.</summary>
    public string AccountName => AccountUrl.AbsolutePath.Trim('/') is { Length: > 0 } path ? path : AccountUrl.Host.Split('.')[0];

    public Uri ContainerUrl => new($"{AccountUrl.ToString().TrimEnd('/')}/{Container}");

    public static AzureBlobLocation Parse(string url)
    {
        var hint = "use azblob:https://ACCOUNT.blob.core.windows.net/CONTAINER[/PREFIX]";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new StorageException(StorageErrorCodes.TargetInvalid, $"target '{Scheme}{Redact(url)}' is not an http(s) URL: {hint}", null);
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        var ipStyle = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.Host == "localhost";
        string accountUrl;
        if (ipStyle)
        {
            if (segments.Count < 2)
            {
                throw new StorageException(
                    StorageErrorCodes.TargetInvalid,
                    $"target '{Scheme}{Redact(url)}' names no account and container: " +
                    "use azblob:http://127.0.0.1:PORT/devstoreaccount1/CONTAINER[/PREFIX] for Azurite",
                    null);
            }

            accountUrl = $"{uri.Scheme}://{uri.Authority}/{segments[0]}";
            segments.RemoveAt(0);
        }
        else
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new StorageException(
                    StorageErrorCodes.TargetInvalid,
                    $"target '{Scheme}{Redact(url)}' uses http: Azure Storage accounts need https: {hint}",
                    null);
            }

            if (segments.Count < 1)
            {
                throw new StorageException(StorageErrorCodes.TargetInvalid, $"target '{Scheme}{Redact(url)}' names no container: {hint}", null);
            }

            accountUrl = $"{uri.Scheme}://{uri.Authority}";
        }

        var container = segments[0];
        if (!ContainerName().IsMatch(container))
        {
            throw new StorageException(
                StorageErrorCodes.TargetInvalid,
                $"target '{Scheme}{Redact(url)}': '{container}' is not a container name " +
                $"(3-63 lower-case letters, digits and single hyphens, or $web for a static website): {hint}",
                null);
        }

        var prefix = string.Join('/', segments.Skip(1));
        var sas = uri.Query.Length > 1 ? uri.Query[1..] : null;
        return new AzureBlobLocation(new Uri(accountUrl), container, prefix, sas);
    }

    /// <summary>The URL without its query (a SAS token is a secret).</summary>
    public static string Redact(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? url : url[..query] + "?<SAS redacted>";
    }

    public string BlobNameOf(string path) => Prefix.Length > 0 ? $"{Prefix}/{path}" : path;

    public Uri BlobUrlOf(string path) => new($"{ContainerUrl}/{string.Join('/', BlobNameOf(path).Split('/').Select(WebUtility.UrlEncode))}");

    [GeneratedRegex("^(\\$web|\\$root|[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9])$")]
    private static partial Regex ContainerName();
}
