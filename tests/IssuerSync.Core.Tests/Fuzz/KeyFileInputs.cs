using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Key files made from the fixtures (every PEM, DER and OpenSSH form the parser knows, and the ones
/// it refuses) by zero to five mutations, each chosen for what the file is at that step.
/// </summary>
internal static class KeyFileInputs
{
    private static readonly FuzzInput[] Seeds = Directory.GetFiles(Fixtures.Path(string.Empty))
        .Where(f => !f.EndsWith("kids.txt", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(f => new FuzzInput(Path.GetFileName(f), [], File.ReadAllBytes(f)))
        .ToArray();

    private static Gen<Func<FuzzInput, FuzzInput>> Step { get; } = Gen.Zip(
        Gens.Zip3(PemMutations.Any, SshMutations.Any, DerMutations.Any),
        Gens.Zip3(ByteMutations.Any, Gen.Elements(Seeds), Gen.Choose(0, 19))).Select(t =>
    {
        var ((pem, ssh, der), (bytes, other, choice)) = t;
        return (Func<FuzzInput, FuzzInput>)(input =>
        {
            if (choice == 0)
            {
                return input.With(new Mutation($"append {other.Origin}", b => [.. b, (byte)'\n', .. other.Bytes]));
            }

            var structured = KindOf(input.Bytes) switch
            {
                Kind.Pem => pem,
                Kind.Ssh => ssh,
                Kind.Der => der,
                _ => bytes,
            };
            return input.With(choice < 14 ? structured : bytes);
        });
    });

    public static Gen<FuzzInput> Any { get; } = Gen.Elements(Seeds)
        .SelectMany(seed => Gen.Frequency((1, Gen.Constant(0)), (9, Gen.Choose(1, 5))).SelectMany(n => Gen.ArrayOf(Step, n)), (seed, steps) => steps.Aggregate(seed, (input, step) => step(input)));

    private enum Kind { Pem, Ssh, Der, Other }

    private static Kind KindOf(byte[] bytes)
    {
        if (bytes.Length > 0 && bytes[0] == 0x30)
        {
            return Kind.Der;
        }

        var text = Encoding.UTF8.GetString(bytes);
        return text.Contains("-----BEGIN ", StringComparison.Ordinal) ? Kind.Pem
            : text.StartsWith("ssh-", StringComparison.Ordinal) || text.StartsWith("ecdsa-", StringComparison.Ordinal) ? Kind.Ssh
            : Kind.Other;
    }
}
