using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// <see cref="JwksParser"/> over mutated JWKS documents: it never throws; a set it calls valid holds
/// only sound public keys with unique Kubernetes kids and no private member, and rebuilds to the same
/// set; any other set has problems and refuses to become a key set with a <see cref="KeyFormatException"/>.
/// </summary>
public class JwksParserFuzz
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    [Property(MaxTest = FuzzRuns.Inputs)]
    public Property Parse_NeverThrows_AndAcceptsOnlySoundPublicKeys_ForAnyMutatedJwks()
        => Prop.ForAll(Arb.From(JwksInputs.Any), input =>
        {
            JwksParseResult strict, lax;
            try
            {
                strict = JwksParser.Parse(input.Bytes);
                // A set valid under the Kubernetes-kid rule is valid without it: only a refused set needs the lax read.
                lax = strict.IsValid ? strict : JwksParser.Parse(input.Bytes, requireKubernetesKid: false);
            }
            catch (Exception e) when (KnownCrashes.Match(e) is { } known)
            {
                return true.Label(known).Classify(true, "known crash");
            }
            catch (Exception e)
            {
                return false.Label($"{e.GetType().FullName} escaped: {e.Message}\n{e.StackTrace}");
            }

            return (Judge(strict, input.Bytes, kubernetesKid: true) && (strict.IsValid || Judge(lax, input.Bytes, kubernetesKid: false)))
                .Label($"strict: {Describe(strict)}; lax: {Describe(lax)}")
                .Classify(strict.IsValid, "valid")
                .Classify(!strict.IsValid && lax.IsValid, "valid but for the kid");
        });

    private static bool Judge(JwksParseResult result, byte[] json, bool kubernetesKid)
    {
        if (!result.IsValid)
        {
            try
            {
                result.ToKeySet("fuzz");
                return false;
            }
            catch (KeyFormatException e)
            {
                return e.KeySource == "fuzz" && (result.Problems.Count > 0 || result.Keys.Count == 0);
            }
        }

        var kids = result.Keys.Select(k => k.Kid).ToList();
        var rebuilt = JwksParser.Parse(JwksDocument.Build(result.ToKeySet("fuzz")), kubernetesKid);
        return result.Keys.Count <= JwksParser.MaxKeys
            && kids.Distinct(StringComparer.Ordinal).Count() == kids.Count
            && (!kubernetesKid || result.Keys.All(KeyFileParserFuzz.IsSound))
            && !HasPrivateMember(json)
            && rebuilt.IsValid
            && rebuilt.Keys.Select(k => k.Fingerprint).Order().SequenceEqual(result.Keys.Select(k => k.Fingerprint).Order());
    }

    /// <summary>Read independently of the parser: does any key object carry a private member? (NameEquals: a member name may be invalid UTF-8.)</summary>
    private static bool HasPrivateMember(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("keys", out var keys)
                && keys.ValueKind == JsonValueKind.Array
                && keys.EnumerateArray().Any(k => k.ValueKind == JsonValueKind.Object && k.EnumerateObject().Any(m => PrivateMembers.Any(m.NameEquals)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(JwksParseResult result)
        => result.IsValid ? $"valid, kids [{string.Join(", ", result.Keys.Select(k => k.Kid))}]" : $"invalid: {string.Join("; ", result.Problems.Select(p => p.Length > 200 ? p[..200] + "..." : p))}";
}
