using IssuerSync.Core.Push;
using IssuerSync.Core.Registration;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.State;

/// <summary>
/// The single entry point of the push endpoint: body bytes + bearer token + source address in, HTTP
/// status + <see cref="PushResponse"/> out. Verification and policy are Core's; this class only reads
/// and conditionally writes the issuer's state, deciding again on a fresh read after a conflict.
/// Hosts (the function app, the standalone server) stay thin: they copy the answer to HTTP.
/// </summary>
public sealed class PushHandler
{
    private readonly IssuerRegistry _registry;
    private readonly IssuerStateUpdater _updater;
    private readonly TimeProvider _time;
    private readonly PushVerificationOptions _options;

    public PushHandler(IssuerRegistry registry, IIssuerStateStore store, TimeProvider time, PushVerificationOptions? options = null, StateUpdateOptions? updateOptions = null)
    {
        _registry = registry;
        _updater = new IssuerStateUpdater(store, updateOptions);
        _time = time;
        _options = options ?? new PushVerificationOptions();
    }

    /// <param name="bearerToken">The token from "Authorization: Bearer …" (without the scheme), or null.</param>
    public async Task<PushResult> HandleAsync(ReadOnlyMemory<byte> body, string? bearerToken, string? sourceAddress, CancellationToken cancellationToken = default)
    {
        var read = PushReader.Read(body.Span, bearerToken, sourceAddress, _registry, _options, _time.GetUtcNow());
        if (read.Refusal is { } refusal)
        {
            return new PushResult(refusal.HttpStatus, refusal.ToResponse());
        }

        var candidate = read.Candidate!;
        try
        {
            var decision = await _updater.UpdateAsync(
                candidate.Registration.Id,
                candidate.Registration.Issuer,
                async (state, ct) =>
                {
                    var d = await PushVerifier.DecideAsync(candidate, state, _options, _time.GetUtcNow(), ct).ConfigureAwait(false);
                    return new StateChange<PushDecision>(d.NewState, d);
                },
                cancellationToken).ConfigureAwait(false);
            return new PushResult(decision.HttpStatus, decision.Response);
        }
        catch (StateConflictException e)
        {
            return Unavailable(PushRefusalCodes.StateConflict, "too many concurrent pushes for this issuer: retry with backoff", e);
        }
        catch (Exception e) when (e is StorageException or StateFormatException)
        {
            return Unavailable(PushRefusalCodes.StateUnavailable, "the publisher cannot read or write its state store: retry with backoff; the operator sees the cause in the publisher's log", e);
        }
    }

    private static PushResult Unavailable(string code, string message, Exception e)
        => new(503, new PushResponse { Error = code, Message = message }, e);
}
