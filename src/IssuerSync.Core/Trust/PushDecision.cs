using IssuerSync.Core.Push;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Core.Trust;

/// <summary>
/// What to do with a push given the issuer's current state: write <see cref="NewState"/> (when not
/// null) and answer <see cref="Response"/> with <see cref="HttpStatus"/>.
/// </summary>
public sealed record PushDecision(int HttpStatus, PushResponse Response, IssuerState? NewState)
{
    public bool Refused => Response.Error is not null;

    public static PushDecision Refuse(PushRefusal refusal) => new(refusal.HttpStatus, refusal.ToResponse(), null);
}
