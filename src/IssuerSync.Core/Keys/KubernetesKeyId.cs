using System.Buffers.Text;
using System.Security.Cryptography;

namespace IssuerSync.Core.Keys;

/// <summary>
/// The <c>kid</c> kube-apiserver puts in the header of tokens it signs: base64url (no padding) of
/// the SHA-256 of the key's DER SubjectPublicKeyInfo (k8s.io/kubernetes pkg/serviceaccount
/// <c>keyIDFromPublicKey</c>, which hashes <c>x509.MarshalPKIXPublicKey</c>).
/// </summary>
public static class KubernetesKeyId
{
    public static string FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfoDer)
        => Base64Url.EncodeToString(SHA256.HashData(subjectPublicKeyInfoDer));
}
