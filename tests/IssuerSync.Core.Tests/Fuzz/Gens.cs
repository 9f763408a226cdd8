using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>Generator combinators the fluent API lacks.</summary>
internal static class Gens
{
    public static Gen<(TA, TB, TC)> Zip3<TA, TB, TC>(Gen<TA> a, Gen<TB> b, Gen<TC> c)
        => Gen.Zip(Gen.Zip(a, b), c, (ab, z) => (ab.Item1, ab.Item2, z));
}
