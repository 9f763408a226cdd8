using System.Security.Cryptography;
using System.Text;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Documents;

public class JwksDocumentTests
{
    private static string B64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void Build_WritesExactRsaJwk_InKubeApiserverMemberOrder()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Fixtures.Path("rsa2048-spki.pem")));
        var p = rsa.ExportParameters(false);
        var kid = Fixtures.OpensslKids["rsa2048-spki.pem"];

        var jwks = Encoding.UTF8.GetString(JwksDocument.Build(KeySet.Create(Fixtures.Parse("rsa2048-pkcs1-private.pem"))));

        Assert.Equal($"{{\"keys\":[{{\"use\":\"sig\",\"kty\":\"RSA\",\"kid\":\"{kid}\",\"alg\":\"RS256\",\"n\":\"{B64Url(p.Modulus!)}\",\"e\":\"AQAB\"}}]}}", jwks);
    }

    [Theory]
    [InlineData("ec-p256-spki.pem", "P-256", "ES256", 32)]
    [InlineData("ec-p384-spki.pem", "P-384", "ES384", 48)]
    [InlineData("ec-p521-spki.pem", "P-521", "ES512", 66)]
    public void Build_WritesExactEcJwk_WithFixedLengthCoordinates(string file, string crv, string alg, int size)
    {
        using var ec = ECDsa.Create();
        ec.ImportFromPem(File.ReadAllText(Fixtures.Path(file)));
        var q = ec.ExportParameters(false).Q;
        var kid = Fixtures.OpensslKids[file];

        var jwks = Encoding.UTF8.GetString(JwksDocument.Build(KeySet.Create(Fixtures.Parse(file))));

        Assert.Equal($"{{\"keys\":[{{\"use\":\"sig\",\"kty\":\"EC\",\"kid\":\"{kid}\",\"crv\":\"{crv}\",\"alg\":\"{alg}\",\"x\":\"{B64Url(Pad(q.X!, size))}\",\"y\":\"{B64Url(Pad(q.Y!, size))}\"}}]}}", jwks);
    }

    [Theory]
    [InlineData("P-256", 32)]
    [InlineData("P-384", 48)]
    [InlineData("P-521", 66)]
    public void Build_LeftPadsEcCoordinates_WhenTheyHaveLeadingZeroBytes(string curve, int size)
    {
        // Find a key whose x starts with a zero byte (about 1 in 256 for P-256; often for P-521).
        ServiceAccountKey? key = null;
        for (var i = 0; i < 5000 && key is null; i++)
        {
            using var ec = Testing.TestKeys.Ec(curve);
            var q = ec.ExportParameters(false).Q;
            if (q.X![0] == 0)
            {
                // Give the coordinate without its leading zero, as some encoders do.
                key = ServiceAccountKey.FromEc(EcCurve.All.Single(c => c.JwkName == curve), q.X.AsSpan(1), q.Y, "test", null);
            }
        }

        Assert.NotNull(key);
        var x = Convert.FromBase64String(Jwk.FromKey(key).X!.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (Jwk.FromKey(key).X!.Length % 4)) % 4));
        Assert.Equal(size, x.Length);
        Assert.Equal(0, x[0]);
    }

    [Fact]
    public void Build_SortsByKidAndCollapsesDuplicates_PrivateAndPublicFormsOfOneKey()
    {
        var keys = Fixtures.Parse("ec-p256-spki.pem")
            .Concat(Fixtures.Parse("rsa2048-pkcs1-private.pem"))
            .Concat(Fixtures.Parse("ec-p256-sec1-private.pem"))
            .Concat(Fixtures.Parse("rsa2048-spki.pem"));

        var set = KeySet.Create(keys);

        Assert.Equal(new[] { Fixtures.OpensslKids["ec-p256-spki.pem"], Fixtures.OpensslKids["rsa2048-spki.pem"] }.Order(StringComparer.Ordinal), set.Keys.Select(k => k.Kid));
    }

    [Fact]
    public void Build_NeverWritesPrivateParameters_EvenFromPrivateKeyFiles()
    {
        var json = Encoding.UTF8.GetString(JwksDocument.Build(KeySet.Create(
            Fixtures.Parse("rsa2048-pkcs1-private.pem").Concat(Fixtures.Parse("ec-p521-sec1-private.pem")))));

        using var document = System.Text.Json.JsonDocument.Parse(json);
        foreach (var jwk in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            var members = jwk.EnumerateObject().Select(m => m.Name).ToHashSet();
            Assert.Empty(members.Intersect(["d", "p", "q", "dp", "dq", "qi", "oth", "k"]));
        }
    }

    [Fact]
    public void KeySet_RefusesAnEmptySet()
    {
        var error = Assert.Throws<IssuerSyncException>(() => KeySet.Create([]));

        Assert.StartsWith("no keys given", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Pad(byte[] value, int size) => value.Length == size ? value : [.. new byte[size - value.Length], .. value];
}
