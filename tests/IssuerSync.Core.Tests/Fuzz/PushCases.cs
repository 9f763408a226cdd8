using FsCheck;
using FsCheck.Fluent;
using IssuerSync.Core.Tests.Trust;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>Pushes for prod (mostly) or the high-assurance issuer, against one of <see cref="PushStates"/>, at a clock near the token's minting.</summary>
internal static class PushCases
{
    private static readonly TimeSpan[] Clocks = [TimeSpan.Zero, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(-3), TimeSpan.FromHours(1), TimeSpan.FromDays(3), TimeSpan.FromDays(400)];

    public static Gen<PushCase> Any { get; } = Gen.Frequency((4, For(PushWorld.Issuer)), (1, For(PushStates.StrictIssuer)));

    private static Gen<PushCase> For(string issuer)
    {
        var registration = PushStates.Registry.FindByIssuer(issuer)!;
        var priorBody = PushWorld.BodyWith(PushWorld.Jwks(PushWorld.KeyA, PushWorld.KeyB), issuer);
        return Gens.Zip3(
                Gen.Zip(PushStates.For(registration), Gen.Frequency((6, Gen.Constant(TimeSpan.Zero)), (4, Gen.Elements(Clocks)))),
                Gen.Zip(PushBodies.For(issuer), PushTokens.For(issuer)),
                Gen.Frequency((7, Gen.Constant(false)), (3, Gen.Constant(true))))
            .Select(t =>
            {
                var ((state, clock), (body, token), prior) = t;
                return new PushCase(issuer, state.Name, state.State, body, token, prior ? (priorBody, token.Signed) : null, PushWorld.Now + clock);
            });
    }
}
