namespace IssuerSync.Core.Trust;

/// <summary>The outcome of <see cref="PushReader.Read"/>: a candidate, or the refusal.</summary>
public sealed record PushReadResult(PushCandidate? Candidate, PushRefusal? Refusal);
