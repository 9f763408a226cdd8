using System.Text.Json.Serialization;
using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Rotation;

/// <summary>One kid of an issuer: its public key (SubjectPublicKeyInfo, base64), status and dates.</summary>
public sealed record KeyRecord
{
    public required string Kid { get; init; }

    /// <summary>SHA-256 of the SubjectPublicKeyInfo, lowercase hex: what an operator approves.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The public key as base64 DER SubjectPublicKeyInfo (never a private parameter).</summary>
    public required string PublicKey { get; init; }

    public required KeyStatus Status { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>When a push last listed the key.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>When <see cref="Status"/> last changed.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>For a retained key: when it is dropped (unless it signed the latest accepted push).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RetainUntil { get; init; }

    [JsonIgnore]
    public bool IsPublished => Status is KeyStatus.Active or KeyStatus.Retained;

    public ServiceAccountKey ToKey()
        => ServiceAccountKey.FromSubjectPublicKeyInfo(Convert.FromBase64String(PublicKey), "state", $"kid {Kid}");

    public static KeyRecord Create(ServiceAccountKey key, KeyStatus status, DateTimeOffset now) => new()
    {
        Kid = key.Kid,
        Fingerprint = key.Fingerprint,
        PublicKey = Convert.ToBase64String(key.SubjectPublicKeyInfo.Span),
        Status = status,
        FirstSeen = now,
        LastSeen = now,
        ChangedAt = now,
    };
}
