using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>JWKS documents as IssuerSync and kube-apiserver write them (RSA 2048/3072, EC P-256/384/521, alone and mixed), mutated zero to five times.</summary>
internal static class JwksInputs
{
    public static readonly ServiceAccountKey[] Keys = new AsymmetricAlgorithm[]
    {
        Testing.TestKeys.Rsa(), Testing.TestKeys.Rsa(3072), Testing.TestKeys.Ec("P-256"), Testing.TestKeys.Ec("P-384"), Testing.TestKeys.Ec("P-521"),
    }.Select(k => ServiceAccountKey.FromSubjectPublicKeyInfo(k.ExportSubjectPublicKeyInfo(), "fuzz", null)).ToArray();

    public static readonly FuzzInput[] Seeds =
    [
        .. Keys.Select(k => Seed(k.Description, k)),
        Seed("RSA 2048 + EC P-256", Keys[0], Keys[2]),
        Seed("all five", Keys),
    ];

    /// <summary>One mutation: mostly of the keys, else of the JSON, else of the bytes.</summary>
    public static Gen<Mutation> Step { get; } = Gen.Frequency((5, JwksMutations.Any), (4, JsonMutations.Any), (1, ByteMutations.Any));

    public static Gen<FuzzInput> Any { get; } = Gen.Elements(Seeds)
        .SelectMany(seed => Gen.Frequency((1, Gen.Constant(0)), (9, Gen.Choose(1, 5))).SelectMany(n => Gen.ArrayOf(Step, n)), (seed, steps) => steps.Aggregate(seed, (input, step) => input.With(step)));

    private static FuzzInput Seed(string name, params ServiceAccountKey[] keys) => new($"JWKS of {name}", [], JwksDocument.Build(KeySet.Create(keys)));
}
