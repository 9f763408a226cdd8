namespace IssuerSync.Core.Rotation;

/// <summary>Something that changes an issuer's key state: a push, an operator's action, or time passing.</summary>
public abstract record RotationEvent;
