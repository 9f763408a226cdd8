using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;
using IssuerSync.Core.Tests.Trust;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>
/// The push entry point as the host joins it (PushHandler: <see cref="PushReader.Read"/>, then
/// <see cref="PushVerifier.DecideAsync"/> on the issuer's state, one clock) over generated pushes:
/// nothing throws; every refusal carries a documented code, a 4xx status and a message without the
/// token, and changes nothing; every acceptance was signed by a real key over exactly the
/// header.payload it carries, with a key the issuer trusts (or, enrolling, one it pushes), and
/// leaves a state that stores and reads back to the same bytes.
/// </summary>
public class PushEntryPointFuzz
{
    // 429: the first-contact rate limit issue 11 adds (enrolment_rate_limited).
    private static readonly int[] RefusalStatuses = [400, 401, 403, 409, 413, 429];

    [Property(MaxTest = FuzzRuns.Inputs)]
    public Property Push_IsAnsweredWithADocumentedRefusalOrAConsistentAcceptance_ForAnyGeneratedPush()
        => Prop.ForAll(Arb.From(PushCases.Any), push =>
        {
            PushDecision decision;
            IssuerState state;
            byte[] before;
            try
            {
                var issuerState = StateBefore(push);
                before = IssuerStateJson.Write(issuerState);
                (decision, state) = Decide(push.Body.Bytes, push.Token.Text, issuerState, push.Now);
                before = ReferenceEquals(state, issuerState) ? before : IssuerStateJson.Write(state);
            }
            catch (Exception e) when (KnownCrashes.Match(e) is { } known)
            {
                return true.Label(known).Classify(true, "known crash");
            }
            catch (Exception e)
            {
                return false.Label($"{e.GetType().FullName} escaped: {e.Message}\n{e.StackTrace}");
            }

            var unchanged = IssuerStateJson.Write(state).AsSpan().SequenceEqual(before);
            var property = decision.Refused ? Refusal(decision, push) : Acceptance(decision, push, state);
            return unchanged.Label("the state passed in is not modified").And(property)
                .Classify(decision.Refused, "refused")
                .Classify(!decision.Refused, "accepted")
                .Classify(push.Prior is not null, "after a prior push");
        });

    private static Property Refusal(PushDecision decision, PushCase push)
    {
        var code = decision.Response.Error!;
        var message = decision.Response.Message ?? string.Empty;
        var signature = push.Token.Text?.Split('.').ElementAtOrDefault(2) ?? string.Empty;
        return DocumentedCodes.All.Contains(code).Label($"refusal code '{code}' is documented")
            .And(RefusalStatuses.Contains(decision.HttpStatus).Label($"refusal {code} answers 4xx, not {decision.HttpStatus}"))
            .And((decision.NewState is null).Label($"refusal {code} writes no state"))
            .And((message.Length > 0).Label($"refusal {code} has a message"))
            .And((signature.Length < 16 || !message.Contains(signature, StringComparison.Ordinal)).Label($"refusal {code} does not echo the token: {message}"))
            .Classify(true, code);
    }

    private static Property Acceptance(PushDecision decision, PushCase push, IssuerState state)
    {
        var token = push.Token.Text!.Trim();
        var signedPart = token[..Math.Max(token.LastIndexOf('.'), 0)];
        var kid = PushReader.Read(push.Body.Bytes, push.Token.Text, PushWorld.Source, PushStates.Registry, PushWorld.Options, push.Now).Candidate!.UnverifiedToken.Kid;
        var trusted = state.IsEnrolling || state.PublishedKids.Contains(kid);
        var stored = decision.NewState is null || IssuerStateJson.Write(IssuerStateJson.Read(IssuerStateJson.Write(decision.NewState), "fuzz")).AsSpan().SequenceEqual(IssuerStateJson.Write(decision.NewState));
        var neverEmptied = state.PublishedKids.Count == 0 || decision.NewState is null || decision.NewState.PublishedKids.Count > 0;
        return (decision.HttpStatus is 200 or 202).Label($"acceptance answers 200 or 202, not {decision.HttpStatus}")
            .And((signedPart == push.Token.SignedPart).Label($"accepted header.payload is the one signed: {signedPart}"))
            .And(trusted.Label($"accepted token's kid {kid} is published, or the issuer is enrolling"))
            .And(stored.Label("the new state stores and reads back to the same bytes"))
            .And(neverEmptied.Label("the published set is never emptied"))
            .Classify(decision.NewState is not null, "state written");
    }

    /// <summary>The state of the issuer the push is for, after the prior push when there is one and it is accepted.</summary>
    private static IssuerState StateBefore(PushCase push)
    {
        if (push.Prior is not { } prior)
        {
            return push.State;
        }

        var (decision, _) = Decide(prior.Body, prior.Token, push.State, push.Now);
        return decision.NewState ?? push.State;
    }

    /// <summary>What PushHandler does with one clock reading, minus the store: the decision and the state it was made on (a new one for another registered issuer).</summary>
    private static (PushDecision Decision, IssuerState State) Decide(byte[] body, string? token, IssuerState state, DateTimeOffset now)
    {
        var read = PushReader.Read(body, token, PushWorld.Source, PushStates.Registry, PushWorld.Options, now);
        if (read.Refusal is { } refusal)
        {
            return (PushDecision.Refuse(refusal), state);
        }

        var registration = read.Candidate!.Registration;
        var issuerState = registration.Id == state.IssuerId ? state : IssuerState.New(registration.Id, registration.Issuer);
        return (PushVerifier.DecideAsync(read.Candidate, issuerState, PushWorld.Options, now).GetAwaiter().GetResult(), issuerState);
    }
}
