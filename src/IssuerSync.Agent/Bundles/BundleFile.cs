using System.Text;
using System.Text.Json;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Push;

namespace IssuerSync.Agent.Bundles;

/// <summary>Reads a bundle file and checks it before anything is sent: versions, issuer, public-only JWKS, token not expired.</summary>
public static class BundleFile
{
    public static async Task<PushBundle> ReadAsync(string path, TimeProvider time, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw Invalid(path, "no such file", "pass the file `issuersync agent export --out` wrote");
            }

            if (info.Length > PushProtocol.MaxBodyBytes * 2L)
            {
                throw Invalid(path, $"is {info.Length} bytes, too large to be a bundle", "pass the file `issuersync agent export --out` wrote");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(path, $"cannot be read ({e.Message.TrimEnd('.')})", "check the path and its permissions");
        }

        PushBundle bundle;
        try
        {
            bundle = PushBundle.FromJson(bytes);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"is not a bundle ({e.Message})", "pass the file `issuersync agent export --out` wrote, unchanged");
        }

        Check(path, bundle, time.GetUtcNow());
        return bundle;
    }

    private static void Check(string path, PushBundle bundle, DateTimeOffset now)
    {
        if (bundle.Version != PushProtocol.BundleVersion)
        {
            throw Invalid(path, $"has version '{bundle.Version}', expected '{PushProtocol.BundleVersion}'", "export it again with this version of issuersync");
        }

        if (bundle.Push.Version != PushProtocol.PushVersion)
        {
            throw Invalid(
                path,
                $"holds a push of version '{bundle.Push.Version}', expected '{PushProtocol.PushVersion}'",
                "export it again with this version of issuersync");
        }

        IssuerUrl.Parse(bundle.Push.Issuer);
        var parsed = JwksParser.Parse(Encoding.UTF8.GetBytes(bundle.Push.Jwks.GetRawText()));
        if (!parsed.IsValid)
        {
            throw Invalid(
                path,
                "holds a JWKS that will not be pushed: " + string.Join("; ", parsed.Problems.Count > 0 ? parsed.Problems : ["no keys"]),
                "export it again from the cluster");
        }

        if (string.IsNullOrWhiteSpace(bundle.Token))
        {
            throw Invalid(path, "has no token", "export it again from the cluster");
        }

        if (UnverifiedJwt.ReadUnverifiedExpiry(bundle.Token) is { } expiry && expiry <= now)
        {
            throw Invalid(
                path,
                $"carries a token that expired at {expiry:O}",
                "export a fresh bundle (a longer --token-expiration gives more time to carry it)");
        }
    }

    private static IssuerSyncException Invalid(string path, string detail, string fix) => new($"bundle '{path}': {detail}. Hint: {fix}");
}
