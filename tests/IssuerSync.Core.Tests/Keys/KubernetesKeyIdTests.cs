using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Keys;

public class KubernetesKeyIdTests
{
    [Theory]
    [InlineData("rsa2048-spki.pem")]
    [InlineData("rsa4096-spki.pem")]
    [InlineData("ec-p256-spki.pem")]
    [InlineData("ec-p384-spki.pem")]
    [InlineData("ec-p521-spki.pem")]
    public void Kid_EqualsOpensslSha256OfSubjectPublicKeyInfo(string file)
    {
        var key = Assert.Single(Fixtures.Parse(file));

        Assert.Equal(Fixtures.OpensslKids[file], key.Kid);
    }

    [Fact]
    public void Kid_IsBase64UrlWithoutPadding_OfSha256()
    {
        // SHA-256 of the empty string, base64url without padding.
        Assert.Equal("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", KubernetesKeyId.FromSubjectPublicKeyInfo([]));
    }

    [Fact]
    public void Kid_DoesNotDependOnTheFileForm_PrivatePublicCertificateOrSsh()
    {
        var kids = new[] { "rsa2048-pkcs1-private.pem", "rsa2048-cert.der", "rsa2048-openssh.pub", "rsa2048-pkcs1-public.pem" }
            .Select(f => Assert.Single(Fixtures.Parse(f)).Kid)
            .Distinct();

        Assert.Equal([Fixtures.OpensslKids["rsa2048-spki.pem"]], kids);
    }
}
