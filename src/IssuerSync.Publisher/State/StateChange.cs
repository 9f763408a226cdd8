using IssuerSync.Core.Rotation;
using IssuerSync.Storage.State;

namespace IssuerSync.Publisher.State;

/// <summary>What a decision function returns to <see cref="IssuerStateUpdater"/>: the state to write (null: write nothing) and the caller's result.</summary>
public sealed record StateChange<T>(IssuerState? NewState, T Result);
