using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Documents;

public class DocumentProperties
{
    private static readonly ServiceAccountKey[] Pool = CreatePool();

    private static readonly IssuerUrl Issuer = IssuerUrl.Parse("https://oidc.example.com/cluster");

    [Property(MaxTest = 200)]
    public Property AnyOrderAndRepetitionOfTheSameKeys_GivesIdenticalBytes(NonEmptyArray<byte> picks, int seed)
    {
        var chosen = picks.Get.Select(p => Pool[p % Pool.Length]).ToArray();
        var shuffled = chosen.Concat(chosen.Take(seed % (chosen.Length + 1) < 0 ? 0 : seed % (chosen.Length + 1)))
            .OrderBy(k => HashCode.Combine(k.Kid, seed))
            .ToArray();
        var canonical = chosen.DistinctBy(k => k.Kid).OrderBy(k => k.Kid, StringComparer.Ordinal).ToArray();

        var a = IssuerDocuments.Create(Issuer, null, KeySet.Create(shuffled));
        var b = IssuerDocuments.Create(Issuer, null, KeySet.Create(canonical));

        return (a.Jwks.AsSpan().SequenceEqual(b.Jwks) && a.Discovery.AsSpan().SequenceEqual(b.Discovery)).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property AJwk_RoundTripsToTheSamePublicKey(byte pick)
    {
        var key = Pool[pick % Pool.Length];

        var roundTripped = Jwk.FromKey(key).ToKey("jwk");

        return (roundTripped.Equals(key) && roundTripped.Kid == key.Kid && roundTripped.SubjectPublicKeyInfo.Span.SequenceEqual(key.SubjectPublicKeyInfo.Span)).ToProperty();
    }

    private static ServiceAccountKey[] CreatePool()
    {
        var algorithms = new System.Security.Cryptography.AsymmetricAlgorithm[]
        {
            Testing.TestKeys.Rsa(), Testing.TestKeys.Rsa(3072), Testing.TestKeys.Ec("P-256"), Testing.TestKeys.Ec("P-256"),
            Testing.TestKeys.Ec("P-384"), Testing.TestKeys.Ec("P-521"),
        };
        return algorithms.Select(a => ServiceAccountKey.FromSubjectPublicKeyInfo(a.ExportSubjectPublicKeyInfo(), "pool", null)).ToArray();
    }
}
