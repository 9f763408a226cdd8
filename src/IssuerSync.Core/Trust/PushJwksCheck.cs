using System.Text.Json;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Trust;

/// <summary>
/// Reads a pushed JWKS with <see cref="JwksParser"/> and names the refusal: empty, private
/// parameters, a kid that is not the Kubernetes kid of its key, or otherwise invalid.
/// </summary>
internal static class PushJwksCheck
{
    /// <summary>Most keys one push may carry: a cluster serves a handful; more only grows the state and the work of every later push.</summary>
    public const int MaxKeys = 16;

    public static (IReadOnlyList<ServiceAccountKey> Keys, PushRefusal? Refusal) Check(JsonElement jwks)
    {
        // Not a JWKS at all: JwksParser below names that.
        var shape = JwksShape.Check(jwks, MaxKeys, out var array);
        if (shape == JwksShapeProblem.NoKeys)
        {
            return ([], PushRefusal.BadRequest(
                PushRefusalCodes.JwksEmpty,
                "the pushed JWKS has no keys: publishing it would make every token of the cluster unverifiable; " +
                "check that the agent reads the API server's /openid/v1/jwks"));
        }

        if (shape == JwksShapeProblem.TooManyKeys)
        {
            return ([], PushRefusal.BadRequest(
                PushRefusalCodes.JwksTooManyKeys,
                $"the pushed JWKS has {array.GetArrayLength()} keys; at most {MaxKeys} are accepted in one push " +
                "(a cluster serves its few --service-account-key-file keys): push the JWKS the API server serves, unchanged"));
        }

        List<string> withPrivate = shape == JwksShapeProblem.NotJwks
            ? []
            : array.EnumerateArray()
                .Select((key, i) => (Name: JwksShape.Name(key, i + 1), Members: JwksShape.PrivateMembersOf(key).ToList()))
                .Where(x => x.Members.Count > 0)
                .Select(x => $"{x.Name} has {string.Join(", ", x.Members.Select(m => $"'{m}'"))}")
                .ToList();
        if (withPrivate.Count > 0)
        {
            return ([], PushRefusal.BadRequest(
                PushRefusalCodes.JwksPrivateKey,
                $"the pushed JWKS holds private key parameters ({string.Join("; ", withPrivate)}): nothing was stored; " +
                "treat those keys as compromised, rotate them, and push public keys only"));
        }

        // The JWKS exactly as received (re-serializing would throw on a lone surrogate escape such as "\ud800").
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(jwks);
        var strict = JwksParser.Parse(raw);
        if (strict.IsValid)
        {
            return (strict.Keys, null);
        }

        var problems = string.Join("; ", strict.Problems.DefaultIfEmpty("the JWKS has no keys"));
        return JwksParser.Parse(raw, requireKubernetesKid: false).IsValid
            ? ([], PushRefusal.BadRequest(
                PushRefusalCodes.JwksKidMismatch,
                $"the pushed JWKS names a key by another kid than Kubernetes computes for it ({problems}): push the JWKS the API server serves, unchanged"))
            : ([], PushRefusal.BadRequest(PushRefusalCodes.JwksInvalid, $"the pushed JWKS is not acceptable: {problems}"));
    }
}
