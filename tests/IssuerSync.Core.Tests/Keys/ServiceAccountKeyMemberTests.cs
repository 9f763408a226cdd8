using System.Security.Cryptography;
using IssuerSync.Core.Keys;
using IssuerSync.Testing;

namespace IssuerSync.Core.Tests.Keys;

/// <summary>What a key says about itself: size, algorithm, description, and the members of the other key type.</summary>
public class ServiceAccountKeyMemberTests
{
    [Theory]
    [InlineData("P-256", 256, "ES256")]
    [InlineData("P-384", 384, "ES384")]
    [InlineData("P-521", 521, "ES512")]
    public void FromSubjectPublicKeyInfo_GivesTheFieldSize_OfAnEcKey(string curve, int bits, string algorithm)
    {
        using var ec = TestKeys.Ec(curve);

        var key = ServiceAccountKey.FromSubjectPublicKeyInfo(ec.ExportSubjectPublicKeyInfo(), "test", null);

        Assert.Equal(bits, key.SizeBits);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal($"EC {curve} kid={TestKeys.ExpectedKid(ec)}", key.ToString());
    }

    [Fact]
    public void ToString_NamesTypeSizeAndKid_OfAnRsaKey()
    {
        using var rsa = TestKeys.Rsa(3072);

        var key = ServiceAccountKey.FromSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), "test", null);

        Assert.Equal($"RSA 3072 kid={TestKeys.ExpectedKid(rsa)}", key.ToString());
        Assert.Equal(3072, key.SizeBits);
        Assert.Equal("RS256", key.Algorithm);
    }

    [Fact]
    public void RsaMembers_Throw_OnAnEcKey()
    {
        using var ec = TestKeys.Ec();
        var key = ServiceAccountKey.FromSubjectPublicKeyInfo(ec.ExportSubjectPublicKeyInfo(), "test", null);

        Assert.Equal("Modulus is only defined for RSA keys; this is an EC P-256 key", Assert.Throws<InvalidOperationException>(() => key.Modulus).Message);
        Assert.Equal("Exponent is only defined for RSA keys; this is an EC P-256 key", Assert.Throws<InvalidOperationException>(() => key.Exponent).Message);
        Assert.Equal(ec.ExportParameters(false).Q.X, key.X.ToArray());
        Assert.Equal(ec.ExportParameters(false).Q.Y, key.Y.ToArray());
    }

    [Fact]
    public void EcMembers_Throw_OnAnRsaKey()
    {
        using var rsa = TestKeys.Rsa();
        var key = ServiceAccountKey.FromSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), "test", null);

        Assert.Equal("X is only defined for EC keys; this is an RSA 2048 key", Assert.Throws<InvalidOperationException>(() => key.X).Message);
        Assert.Equal("Y is only defined for EC keys; this is an RSA 2048 key", Assert.Throws<InvalidOperationException>(() => key.Y).Message);
        Assert.Equal(rsa.ExportParameters(false).Modulus, key.Modulus.ToArray());
        Assert.Equal(rsa.ExportParameters(false).Exponent, key.Exponent.ToArray());
    }

    [Theory]
    [InlineData("x")]
    [InlineData("y")]
    public void FromEc_RefusesACoordinateLongerThanTheField(string coordinate)
    {
        using var ec = TestKeys.Ec();
        var q = ec.ExportParameters(false).Q;
        byte[] tooLong = [0x01, .. q.X!];

        var error = Assert.Throws<KeyFormatException>(() => coordinate == "x"
            ? ServiceAccountKey.FromEc(EcCurve.P256, tooLong, q.Y, "test", "jwk")
            : ServiceAccountKey.FromEc(EcCurve.P256, q.X, tooLong, "test", "jwk"));

        Assert.Equal("test: jwk: EC coordinate is 33 bytes, longer than the curve's 32", error.Message);
    }

    [Fact]
    public void FromEc_AcceptsCoordinatesWithLeadingZeros_AndPadsShortOnes()
    {
        using var ec = TestKeys.Ec();
        var q = ec.ExportParameters(false).Q;

        var key = ServiceAccountKey.FromEc(EcCurve.P256, [0x00, 0x00, .. q.X!], q.Y, "test", null);

        Assert.Equal(TestKeys.ExpectedKid(ec), key.Kid);
        Assert.Equal(32, key.X.Length);
    }
}
