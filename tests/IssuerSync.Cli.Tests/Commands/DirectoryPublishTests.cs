using System.Security.Cryptography;
using IssuerSync.Testing;

namespace IssuerSync.Cli.Tests.Commands;

/// <summary>
/// A test class that publishes to a directory target in a fresh temp folder (<c>dir:</c><see cref="Root"/>), rotating
/// from <see cref="Old"/> to <see cref="New"/>: where the documents land, and the key files to pass.
/// </summary>
public abstract class DirectoryPublishTests : IDisposable
{
    protected TempDirectory Temp { get; } = new();

    protected RSA Old { get; } = TestKeys.Rsa();

    protected RSA New { get; } = TestKeys.Rsa();

    protected string Root => Temp.File("www");

    protected string JwksFile => Path.Combine(Root, "openid", "v1", "jwks");

    protected string DiscoveryFile => Path.Combine(Root, ".well-known", "openid-configuration");

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes <paramref name="key"/>'s public PEM to KID.pub in <see cref="Temp"/>; returns its path.</summary>
    protected string KeyFile(AsymmetricAlgorithm key) => Temp.Write($"{TestKeys.ExpectedKid(key)}.pub", TestKeys.PublicPem(key));

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Old.Dispose();
            New.Dispose();
            Temp.Dispose();
        }
    }
}
