namespace IssuerSync.Core.Rotation;

/// <summary>A change the policy refuses: a stable code (<see cref="RotationErrorCodes"/>) and a message naming the value and the fix.</summary>
public sealed record RotationError(string Code, string Message);
