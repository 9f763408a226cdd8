using IssuerSync.Core.Push;
using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;

namespace IssuerSync.Publisher.State;

/// <summary>A push as <see cref="PushHandler"/> decided it: the answer, and for an accepted push the issuer and its state after the decision.</summary>
public sealed record PushResult(int HttpStatus, PushResponse Response)
{
    public IssuerRegistration? Registration { get; init; }

    /// <summary>The issuer's state after an accepted push (null when refused).</summary>
    public IssuerState? State { get; init; }

    /// <summary>True when the push changed the keys a cloud sees, so the documents must be republished.</summary>
    public bool PublishedSetChanged { get; init; }

    public bool Accepted => Response.Error is null;
}
