using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Core.Tests.CloudSetup;

public sealed class AwsThumbprintTests : IDisposable
{
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _intermediate;
    private readonly X509Certificate2 _leaf;

    public AwsThumbprintTests()
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Root", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(10));
        using var intermediateKey = RSA.Create(2048);
        var intermediateRequest = new CertificateRequest("CN=Intermediate", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var intermediate = intermediateRequest.Create(_root, now.AddDays(-1), now.AddDays(9), [1]);
        _intermediate = intermediate.CopyWithPrivateKey(intermediateKey);
        using var leafKey = RSA.Create(2048);
        _leaf = new CertificateRequest("CN=oidc.example.com", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).Create(_intermediate, now.AddDays(-1), now.AddDays(8), [2]);
    }

    public void Dispose()
    {
        _root.Dispose();
        _intermediate.Dispose();
        _leaf.Dispose();
    }

    [Fact]
    public void SelectCertificate_ReturnsTopIntermediate_WhenHostSendsLeafAndIntermediate()
        => Assert.Same(_intermediate, AwsThumbprint.SelectCertificate([_leaf, _intermediate], [_leaf, _intermediate, _root]));

    [Fact]
    public void SelectCertificate_ReturnsRoot_WhenHostSendsTheRootToo()
        => Assert.Same(_root, AwsThumbprint.SelectCertificate([_leaf, _intermediate, _root], [_leaf, _intermediate, _root]));

    [Fact]
    public void SelectCertificate_ReturnsRootOfBuiltChain_WhenHostSendsItsLeafAlone()
        => Assert.Same(_root, AwsThumbprint.SelectCertificate([_leaf], [_leaf, _intermediate, _root]));

    [Fact]
    public void Of_ReturnsSha1OfDerInLowercaseHex_WhenGivenACertificate()
    {
        var expected = Convert.ToHexString(SHA1.HashData(_intermediate.RawData)).ToLowerInvariant();

        Assert.Equal(expected, AwsThumbprint.Of(_intermediate));
        Assert.Equal(_intermediate.Thumbprint.ToLowerInvariant(), AwsThumbprint.Of(_intermediate));
    }
}
