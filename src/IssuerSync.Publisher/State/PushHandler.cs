using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;
using IssuerSync.Publisher.Telemetry;
using IssuerSync.Storage.State;

namespace IssuerSync.Publisher.State;

/// <summary>
/// Verifies a push and records it: body bytes + bearer token + source address in, HTTP status +
/// push response + the issuer's state after the decision out. Verification and policy are Core's;
/// this class only reads and conditionally writes the issuer's state, deciding again on a fresh read
/// after a conflict. Publishing what changed is <see cref="Services.PushService"/>'s job.
/// State-store failures propagate (as <see cref="StateConflictException"/>,
/// <see cref="Storage.Targets.StorageException"/> or <see cref="StateFormatException"/>) for the service to map.
/// </summary>
public sealed class PushHandler
{
    private readonly IssuerRegistry _registry;
    private readonly IssuerStateUpdater _updater;
    private readonly TimeProvider _time;
    private readonly PushVerificationOptions _options;

    public PushHandler(
        IssuerRegistry registry,
        IIssuerStateStore store,
        TimeProvider time,
        PushVerificationOptions? options = null,
        StateUpdateOptions? updateOptions = null)
        : this(registry, new IssuerStateUpdater(store, updateOptions), time, options ?? new PushVerificationOptions())
    {
    }

    /// <summary>A handler writing through the services' <paramref name="updater"/>.</summary>
    internal PushHandler(IssuerRegistry registry, IssuerStateUpdater updater, TimeProvider time, PushVerificationOptions options)
    {
        _registry = registry;
        _updater = updater;
        _time = time;
        _options = options;
    }

    /// <param name="bearerToken">The token from "Authorization: Bearer …" (without the scheme), or null.</param>
    public async Task<PushResult> HandleAsync(
        ReadOnlyMemory<byte> body,
        string? bearerToken,
        string? sourceAddress,
        CancellationToken cancellationToken = default)
    {
        PushReadResult read;
        using (PublisherTelemetry.StartPushStep("issuersync.push.verify"))
        {
            read = PushReader.Read(body.Span, bearerToken, sourceAddress, _registry, _options, _time.GetUtcNow());
        }

        if (read.Refusal is { } refusal)
        {
            return new PushResult(refusal.HttpStatus, refusal.ToResponse());
        }

        var candidate = read.Candidate!;
        PushDecision decision;
        IssuerState before;
        using (PublisherTelemetry.StartPushStep("issuersync.push.state"))
        {
            (decision, before) = await _updater.UpdateAsync(
                candidate.Registration.Id,
                candidate.Registration.Issuer,
                async (state, ct) =>
                {
                    var d = await PushVerifier.DecideAsync(candidate, state, _options, _time.GetUtcNow(), ct).ConfigureAwait(false);
                    return new StateChange<(PushDecision, IssuerState)>(d.NewState, (d, state));
                },
                cancellationToken).ConfigureAwait(false);
        }

        if (decision.Refused)
        {
            return new PushResult(decision.HttpStatus, decision.Response) { Registration = candidate.Registration };
        }

        var after = decision.NewState ?? before;
        return new PushResult(decision.HttpStatus, decision.Response)
        {
            Registration = candidate.Registration,
            State = after,
            PublishedSetChanged = !before.PublishedKids.SequenceEqual(after.PublishedKids, StringComparer.Ordinal),
        };
    }
}
