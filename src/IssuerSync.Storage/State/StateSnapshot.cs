using IssuerSync.Core.Rotation;

namespace IssuerSync.Storage.State;

/// <summary>An issuer's state as stored, with the ETag a conditional write must present to replace it.</summary>
public sealed record StateSnapshot(IssuerState State, string ETag);
