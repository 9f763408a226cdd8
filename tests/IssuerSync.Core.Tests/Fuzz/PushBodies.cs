using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using IssuerSync.Core.Push;
using IssuerSync.Core.Tests.Trust;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Push bodies as the agent sends them (live or bundle, with the keys of A, B, C, D in several
/// combinations), changed in their own fields (version, issuer, observedAt at the edges of time,
/// source, agentVersion, jwks), in their keys (<see cref="JwksMutations"/>), as JSON and as bytes.
/// </summary>
internal static class PushBodies
{
    private static readonly AsymmetricAlgorithm[][] KeySets =
    [
        [PushWorld.KeyA], [PushWorld.KeyA, PushWorld.KeyB], [PushWorld.KeyB], [PushStates.KeyD], [PushWorld.KeyA, PushStates.KeyD],
        [PushWorld.KeyC], [PushWorld.KeyB, PushStates.KeyD], [PushWorld.KeyA, PushWorld.KeyB, PushStates.KeyD],
    ];

    private static readonly (string Member, string[] Values)[] Fields =
    [
        ("version", [$"\"{PushProtocol.BundleVersion}\"", "\"issuersync.push/v2\"", "\"ISSUERSYNC.PUSH/V1\"", "\"\"", "null", "1"]),
        ("issuer", [$"\"{PushWorld.OtherIssuer}\"", $"\"{PushWorld.Issuer}/\"", $"\"{PushStates.StrictIssuer}\"", $"\"{PushWorld.Issuer}\\n\"", "\"\"", "null", "5"]),
        ("observedAt", ["\"0001-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"9999-12-31T23:59:59.9999999-14:00\"", "\"2026-11-23T10:00:00\"", "\"2026-11-23\"", "\"2026-11-23T10:01:59Z\"", "\"2026-11-23T10:02:01Z\"", "\"2026-11-22T21:59:00Z\"", "\"2026-11-22T22:01:00Z\"", "\"2026-11-23T09:00:00Z\"", "\"2026-11-23T11:00:00+01:00\"", "\"not a date\"", "1795424400", "null", "\"\""]),
        ("source", ["\"bundle\"", "\"BUNDLE\"", "\"live \"", "\"\"", "null", "[]"]),
        ("agentVersion", ["\"\"", "null", "5", $"\"{new string('v', 5000)}\""]),
        ("jwks", ["null", "[]", "{}", "\"{}\"", "{\"keys\":null}", "{\"keys\":{}}", "{\"keys\":[]}", "{\"keys\":[null]}"]),
    ];

    private static readonly string[] Members = Fields.Select(f => f.Member).ToArray();

    private static Gen<Mutation> OwnFields { get; } = Gen.OneOf(
        Gen.Elements(Fields).SelectMany(f => Gen.Elements(f.Values).Select(v => Root($"{f.Member} := {JsonMutations.Short(v)}", o => o[f.Member] = JsonNode.Parse(v)))),
        Gen.Elements(Members).Select(m => Root($"no {m}", o => o.Remove(m))),
        Gen.Elements(Members).Select(m => Root($"'{m.ToUpperInvariant()}' for '{m}'", o =>
        {
            var value = o[m];
            o.Remove(m);
            o[m.ToUpperInvariant()] = value;
        })));

    private static Gen<Mutation> Step { get; } = Gen.Frequency((3, OwnFields), (4, JwksMutations.Any), (2, JsonMutations.Any), (1, ByteMutations.Any));

    public static Gen<FuzzInput> For(string issuer)
    {
        var seeds = KeySets.SelectMany(keys => new[] { PushProtocol.SourceLive, PushProtocol.SourceBundle }.Select(source => new FuzzInput(
                $"{source} body of [{string.Join(", ", keys.Select(k => PushTokens.Signers.First(s => s.Key == k).Name))}]",
                [],
                PushWorld.BodyWith(PushWorld.Jwks(keys), issuer, source))))
            .ToArray();
        var live = seeds.Where(s => s.Origin.StartsWith(PushProtocol.SourceLive, StringComparison.Ordinal)).ToArray();
        var bundle = seeds.Except(live).ToArray();
        return Gen.Zip(
                Gen.Frequency((9, Gen.Elements(live)), (1, Gen.Elements(bundle))),
                Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 3))).SelectMany(n => Gen.ArrayOf(Step, n)))
            .Select(t => t.Item2.Aggregate(t.Item1, (input, step) => input.With(step)));
    }

    private static Mutation Root(string name, Action<JsonObject> change) => new(name, bytes =>
    {
        var root = JsonNode.Parse(bytes)!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    });
}
