using System.Security.Cryptography;
using IssuerSync.Testing.Issuers;

namespace IssuerSync.Publisher.Tests.Services;

/// <summary>Approve bodies for a key.</summary>
internal static class PublisherWorldApproval
{
    public static byte[] For(AsymmetricAlgorithm key, string by = "alice") => PublisherWorld.Approval(StateWorld.Key(key).Fingerprint, by);
}
