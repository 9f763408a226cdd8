using IssuerSync.Core.Rotation;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// One generated push: body and token, the state of the token issuer's registration it meets (after
/// <see cref="Prior"/>, an accepted push of the unchanged token and body, when set), and the clock.
/// </summary>
internal sealed record PushCase(string Issuer, string StateName, IssuerState State, FuzzInput Body, PushToken Token, (byte[] Body, string Token)? Prior, DateTimeOffset Now)
{
    public override string ToString()
        => $"issuer {Issuer}, state '{StateName}'{(Prior is null ? string.Empty : ", after an accepted push of the unchanged token")}, now {Now:O}\n  token: {Token}\n  body: {Body}";
}
