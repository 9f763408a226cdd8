using System.Buffers.Text;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using IssuerSync.Core.Push;
using IssuerSync.Core.Tests.Trust;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// Bearer tokens as the cluster mints them (RS256 or ES256/384/512, Kubernetes kid and claims), then
/// changed before signing (header: alg, kid, extra members; claims: odd values, missing, duplicated,
/// wrong types, year-9999 times), in how they are signed (the wrong key, a DER or (r, n − s) ECDSA
/// signature, none) and after signing (<see cref="TokenMutations"/>).
/// </summary>
internal static class PushTokens
{
    /// <summary>The keys that sign: prod's A (RSA) and B (P-256), the other issuer's C (P-384), and D (P-521), a key nobody trusts yet.</summary>
    public static readonly (string Name, AsymmetricAlgorithm Key)[] Signers =
        [("A", PushWorld.KeyA), ("B", PushWorld.KeyB), ("C", PushWorld.KeyC), ("D", PushStates.KeyD)];

    private static readonly string[] Algorithms = ["RS256", "RS384", "PS256", "ES256", "ES384", "ES512", "ES256K", "HS256", "none", "None", "", "EdDSA"];

    private static readonly string[] HeaderExtras = ["\"typ\":\"JWT\"", "\"typ\":\"at+jwt\"", "\"crit\":[\"exp\"]", "\"jku\":\"https://evil.example/jwks\"", "\"x5u\":\"https://evil.example/cert\"", "\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}", "\"enc\":\"A128GCM\"", "\"zip\":\"DEF\"", "\"cty\":\"JWT\"", "\"b64\":false", "\"kid\":null"];

    private static readonly (string Claim, string[] Values)[] ClaimValues =
    [
        ("exp", [$"{Unix(-3600)}", $"{Unix(-125)}", $"{Unix(115)}", $"{Unix(3590)}", $"{Unix(7200)}", "253402300799", "253402300800", "-1", "0", "9223372036854775807", "1e20", "1.5", $"\"{Unix(600)}\"", "null", "[]"]),
        ("iat", [$"{Unix(3600)}", $"{Unix(115)}", $"{Unix(-7200)}", "253402300799", "-1", "0", "1e20", "\"x\"", "null"]),
        ("nbf", [$"{Unix(3600)}", $"{Unix(115)}", $"{Unix(-7200)}", $"{Unix(590)}", "253402300799", "-1", "1e20", "\"x\"", "null"]),
        ("aud", ["\"issuersync\"", "[]", "[\"other\"]", "[\"other\",\"issuersync\"]", "[\"issuersync\",\"issuersync\"]", "5", "[5]", "null", "\"ISSUERSYNC\""]),
        ("sub", ["\"system:serviceaccount:issuersync:other\"", $"\"{PushWorld.Agent} \"", $"\"{PushWorld.Agent.ToUpperInvariant()}\"", "\"\"", "5", "null", "[]"]),
        ("iss", [$"\"{PushWorld.OtherIssuer}\"", $"\"{PushWorld.Issuer}/\"", $"\"{PushWorld.Issuer.ToUpperInvariant()}\"", $"\"{PushStates.StrictIssuer}\"", $"\"{PushWorld.Issuer}\\n\"", "\"\"", "5", "null", "[]"]),
        ("jti", ["null", "5", "\"\"", "[]"]),
    ];

    private static readonly string[] Claims = ["exp", "iat", "nbf", "aud", "sub", "iss", "jti"];

    private static readonly string[] SignatureForms = [.. Enumerable.Repeat("signed", 14), "EC signature as DER", "EC twin (r, n - s)", "no signature", "256 random bytes", "signature over other bytes"];

    public static Gen<PushToken> For(string issuer)
    {
        var header = Gens.Zip3(
            Gen.Frequency((8, Gen.Constant<string?>(null)), (1, Gen.Elements(Algorithms).Select(a => (string?)a))),
            Gen.Frequency((6, Gen.Constant(-1)), (1, Gen.Choose(0, Signers.Length + 2))),
            Gen.Frequency((6, Gen.Constant<string?>(null)), (1, Gen.Elements(HeaderExtras).Select(e => (string?)e))));
        var claimEdit = Gen.OneOf(
            Gen.Elements(ClaimValues).SelectMany(c => Gen.Elements(c.Values).Select(v => (Name: $"{c.Claim} := {JsonMutations.Short(v)}", Edit: (Action<JsonObject>)(o => o[c.Claim] = JsonNode.Parse(v))))),
            Gen.Elements(Claims).Select(c => (Name: $"no {c}", Edit: (Action<JsonObject>)(o => o.Remove(c)))));
        var claims = Gen.Frequency((3, Gen.Constant(Array.Empty<(string Name, Action<JsonObject> Edit)>())), (2, Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(claimEdit, n))));
        var jsonEdits = Gen.Frequency((8, Gen.Constant<Mutation?>(null)), (1, JsonMutations.Any.Select(m => (Mutation?)m)));
        var after = Gen.Frequency((5, Gen.Constant(Array.Empty<Mutation>())), (1, Gen.Choose(1, 2).SelectMany(n => Gen.ArrayOf(TokenMutations.Any, n))));
        return Gens.Zip3(
                Gen.Zip(Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Constant(1)), (1, Gen.Constant(2)), (2, Gen.Constant(3))), header),
                Gen.Zip(claims, Gen.Zip(jsonEdits, jsonEdits)),
                Gen.Zip(Gen.Elements(SignatureForms), Gen.Zip(after, Gen.Frequency((30, Gen.Constant(false)), (1, Gen.Constant(true))))))
            .Select(t =>
            {
                var ((signer, (alg, kidPick, extra)), (edits, (headerEdit, payloadEdit)), (form, (mutations, absent))) = t;
                return Build(issuer, signer, alg, kidPick, extra, edits, headerEdit, payloadEdit, form, mutations, absent);
            });
    }

    private static PushToken Build(string issuer, int signer, string? alg, int kidPick, string? extra, (string Name, Action<JsonObject> Edit)[] edits, Mutation? headerEdit, Mutation? payloadEdit, string form, Mutation[] mutations, bool absent)
    {
        var (signerName, key) = Signers[signer];
        var recipe = new List<string> { $"signer {signerName}" };
        var algorithm = alg ?? Testing.TestTokens.AlgorithmOf(key);
        var kid = kidPick switch
        {
            < 0 => Testing.TestKeys.ExpectedKid(key),
            _ when kidPick < Signers.Length => Testing.TestKeys.ExpectedKid(Signers[kidPick].Key),
            _ when kidPick == Signers.Length => string.Empty,
            _ => null,
        };
        if (alg is not null)
        {
            recipe.Add($"alg {alg}");
        }

        if (kidPick >= 0)
        {
            recipe.Add(kidPick < Signers.Length ? $"kid of {Signers[kidPick].Name}" : kid is null ? "no kid" : "empty kid");
        }

        var headerJson = $"{{\"alg\":\"{algorithm}\"{(kid is null ? string.Empty : $",\"kid\":\"{kid}\"")}{(extra is null ? string.Empty : "," + extra)}}}";
        if (extra is not null)
        {
            recipe.Add($"header {extra}");
        }

        var claims = Testing.TestTokens.Claims(issuer, PushWorld.Agent, PushProtocol.DefaultAudience, PushWorld.Now.AddSeconds(-10));
        foreach (var (name, edit) in edits)
        {
            edit(claims);
            recipe.Add(name);
        }

        var headerBytes = Encoding.UTF8.GetBytes(headerJson);
        var payloadBytes = Encoding.UTF8.GetBytes(claims.ToJsonString());
        if (headerEdit is not null)
        {
            headerBytes = new FuzzInput("header", [], headerBytes).With(headerEdit).Bytes;
            recipe.Add($"header JSON: {headerEdit.Name}");
        }

        if (payloadEdit is not null)
        {
            payloadBytes = new FuzzInput("payload", [], payloadBytes).With(payloadEdit).Bytes;
            recipe.Add($"claims JSON: {payloadEdit.Name}");
        }

        var signedPart = $"{Base64Url.EncodeToString(headerBytes)}.{Base64Url.EncodeToString(payloadBytes)}";
        var signature = Sign(key, Encoding.ASCII.GetBytes(signedPart), form);
        recipe.Add(form);
        var signed = $"{signedPart}.{Base64Url.EncodeToString(signature)}";
        var text = mutations.Aggregate(new FuzzInput("token", [], Encoding.UTF8.GetBytes(signed)), (input, mutation) => input.With(mutation));
        recipe.AddRange(text.Steps);
        return new PushToken(absent ? null : Encoding.UTF8.GetString(text.Bytes), signed, string.Join(", ", absent ? [.. recipe, "not sent"] : recipe));
    }

    private static byte[] Sign(AsymmetricAlgorithm key, byte[] input, string form)
    {
        switch (key, form)
        {
            case (_, "no signature"):
                return [];
            case (_, "256 random bytes"):
                return RandomNumberGenerator.GetBytes(256);
            case (_, "signature over other bytes"):
                return Sign(key, [.. input, 0x2E], "signed");
            case (RSA rsa, _):
                return rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            case (ECDsa ec, _):
                var hash = ec.KeySize switch { 256 => HashAlgorithmName.SHA256, 384 => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
                if (form == "EC signature as DER")
                {
                    return ec.SignData(input, hash, DSASignatureFormat.Rfc3279DerSequence);
                }

                var signature = ec.SignData(input, hash);
                return form switch
                {
                    "EC twin (r, n - s)" => Twin(signature, ec.ExportExplicitParameters(false).Curve.Order!),
                    _ => signature,
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(key));
        }
    }

    /// <summary>The other valid ECDSA signature of the same input: (r, n − s), n the curve's order.</summary>
    private static byte[] Twin(byte[] p1363, byte[] curveOrder)
    {
        var order = new BigInteger(curveOrder, isUnsigned: true, isBigEndian: true);
        var size = p1363.Length / 2;
        var s = new BigInteger(p1363.AsSpan(size), isUnsigned: true, isBigEndian: true);
        var twin = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. p1363.AsSpan(0, size), .. new byte[size - twin.Length], .. twin];
    }

    private static long Unix(int secondsFromNow) => PushWorld.Now.AddSeconds(secondsFromNow).ToUnixTimeSeconds();
}
