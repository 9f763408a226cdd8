namespace IssuerSync.Core.Rotation;

/// <summary>An operator approves pending keys, named by fingerprint (SHA-256 of the SubjectPublicKeyInfo, hex).</summary>
public sealed record ApproveEvent(IReadOnlyList<string> Fingerprints, string Operator) : RotationEvent;
