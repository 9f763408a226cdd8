using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// <see cref="KeyFileParser"/> over mutated key files: every input gives keys or a
/// <see cref="KeyFormatException"/> naming the file; nothing else escapes, and what it returns is a
/// usable public key named by its Kubernetes kid.
/// </summary>
public class KeyFileParserFuzz
{
    private const string Source = "fuzz.pem";

    [Property(MaxTest = FuzzRuns.Inputs)]
    public Property Parse_GivesKeysOrAKeyFormatException_ForAnyMutatedKeyFile()
        => Prop.ForAll(Arb.From(KeyFileInputs.Any), input =>
        {
            IReadOnlyList<ServiceAccountKey> keys;
            try
            {
                keys = KeyFileParser.Parse(input.Bytes, Source);
            }
            catch (KeyFormatException e)
            {
                return (e.KeySource == Source && e.Message.StartsWith(Source + ": ", StringComparison.Ordinal) && e.Reason.Length > 0)
                    .Label($"the KeyFormatException names the file: {e.Message}")
                    .Classify(true, "refused");
            }
            catch (Exception e)
            {
                return false.Label($"{e.GetType().FullName} escaped: {e.Message}\n{e.StackTrace}");
            }

            return (keys.Count > 0 && keys.All(IsSound))
                .Label($"the keys are sound public keys named by their Kubernetes kid: {string.Join(", ", keys)}")
                .Classify(true, "read");
        });

    /// <summary>The kid is base64url(SHA-256(SPKI)), and the SPKI reads back as the same key.</summary>
    internal static bool IsSound(ServiceAccountKey key)
    {
        var spki = key.SubjectPublicKeyInfo.Span;
        var kid = Convert.ToBase64String(SHA256.HashData(spki)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return key.Kid == kid
            && ServiceAccountKey.FromSubjectPublicKeyInfo(spki, "again", null).Equals(key)
            && (key.Type == KeyType.Rsa ? key.SizeBits >= ServiceAccountKey.MinimumRsaBits : key.Curve is not null);
    }
}
