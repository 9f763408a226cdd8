using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IssuerSync.Core;

namespace IssuerSync.Agent.Hosting;

/// <summary>Reads the extra trust roots of <c>--ca-cert</c> (PEM, one or more CERTIFICATE blocks).</summary>
public static class TrustRoots
{
    public static X509Certificate2Collection? Load(string? file)
    {
        if (file is null)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new IssuerSyncException(
                $"--ca-cert {file}: cannot read a PEM certificate ({e.Message.TrimEnd('.')}): " +
                "give a PEM file with the CA certificate (-----BEGIN CERTIFICATE-----)");
        }

        return roots.Count > 0
            ? roots
            : throw new IssuerSyncException(
                $"--ca-cert {file}: no CERTIFICATE block found: give a PEM file with the CA certificate (-----BEGIN CERTIFICATE-----)");
    }
}
