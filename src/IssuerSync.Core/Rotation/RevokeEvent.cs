namespace IssuerSync.Core.Rotation;

/// <summary>
/// An operator revokes a kid at once. Revoking the kid that signed the latest accepted push needs
/// <see cref="ConfirmSigningKey"/>: the agent's next push signed with it will then be refused.
/// </summary>
public sealed record RevokeEvent(string Kid, string Operator, bool ConfirmSigningKey = false) : RotationEvent;
