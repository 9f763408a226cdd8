using System.CommandLine;
using System.Text.Json.Nodes;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Operators;
using IssuerSync.Cli.Verify;
using IssuerSync.Core;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Rotation.Check;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// <c>issuersync rotate check</c>: is it safe to switch the signing key to the new key now (step 3), or to remove
/// the old key (step 5)? Reads the JWKS the clouds fetch and the publisher's status; <see cref="RotationCheck"/> decides.
/// Exit 0 safe, 5 not yet (only time is missing), 6 not safe or cannot tell.
/// </summary>
internal static class RotateCheckCommand
{
    public sealed class Options
    {
        /// <summary>The issuer URL; null takes the one the publisher registers for <see cref="IssuerId"/>.</summary>
        public string? Issuer { get; init; }

        /// <summary>The publisher and issuer id to read the key records from; null decides from the documents alone.</summary>
        public PublisherConnection? Connection { get; init; }

        public string? IssuerId { get; init; }

        public string? NewKid { get; init; }

        public string? NewKey { get; init; }

        public string? OldKid { get; init; }

        public string? OldKey { get; init; }

        /// <summary>Null: the next step by the publisher's view (remove once the new key signs, else switch).</summary>
        public RotationStep? Step { get; init; }

        public TimeSpan AgentInterval { get; init; } = RotationCheck.DefaultAgentInterval;

        public TimeSpan MaxTokenLifetime { get; init; } = RotationCheck.DefaultMaxTokenLifetime;

        public string? CaCert { get; init; }

        public ReportFormat Output { get; init; } = ReportFormat.Table;

        public TimeSpan Timeout { get; init; } = PublisherConnection.DefaultTimeout;

        public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    }

    public static Command Create() => new RotateCheckCommandDefinition();

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var newKid = options.NewKid ?? await KidOfAsync(options.NewKey!, "--new-key", cancellationToken).ConfigureAwait(false);
            var oldKid = options.OldKid
                ?? (options.OldKey is null ? null : await KidOfAsync(options.OldKey, "--old-key", cancellationToken).ConfigureAwait(false));
            if (oldKid == newKid)
            {
                throw new IssuerSyncException($"the old and the new key are the same (kid {newKid}): give the key being replaced as --old-kid or --old-key");
            }

            var issuer = options.Issuer;
            PublisherFacts? publisher = null;
            IReadOnlyList<string> published = [];
            if (options.Connection is { } connection)
            {
                var id = Operators.IssuerId.Check(options.IssuerId!);
                using var client = await PublisherClient.CreateAsync(connection, cancellationToken).ConfigureAwait(false);
                JsonObject status;
                try
                {
                    status = (await client.GetAsync(Operators.IssuerId.Route(id), $"status of issuer {id}", cancellationToken).ConfigureAwait(false)).Json;
                }
                catch (PublisherException e) when (options.Output == ReportFormat.Json && e.Body is not null)
                {
                    // As the operator verbs do: a script reading stdout gets the publisher's refusal.
                    await ActionWriter.WriteJsonAsync(e.Body, stdout, cancellationToken).ConfigureAwait(false);
                    throw;
                }

                publisher = RotateCheckFacts.FromStatus(status);
                published = status.Kids("published");
                var registered = status.Text("issuer");
                if (issuer is not null && registered is not null && issuer != registered)
                {
                    throw new IssuerSyncException($"--issuer '{issuer}' is not the issuer the publisher registers for {id} ('{registered}'): " +
                        "the issuer must match byte for byte; leave --issuer out to use the registered one");
                }

                issuer ??= registered ?? throw new IssuerSyncException($"the publisher's status of {id} names no issuer: pass --issuer URL");
            }

            using var fetcher = new IssuerFetcher(TrustRoots.Load(options.CaCert), options.Timeout);
            var (served, maxAge, problem) = await RotateCheckFacts.ServedAsync(issuer!, fetcher, cancellationToken).ConfigureAwait(false);
            var step = options.Step ?? (publisher?.LatestSigningKid == newKid ? RotationStep.Remove : RotationStep.Switch);
            oldKid ??= step == RotationStep.Switch
                ? (publisher?.LatestSigningKid is { } signer && signer != newKid ? signer : null)
                : OnlyOther(publisher is null ? served ?? [] : published, newKid) ?? LastWithdrawn(publisher, newKid);
            var result = RotationCheck.Decide(new RotationCheckInput
            {
                Step = step,
                NewKid = newKid,
                OldKid = oldKid,
                Now = options.TimeProvider.GetUtcNow(),
                ServedKids = served,
                ServedProblem = problem,
                CacheMaxAge = maxAge,
                Publisher = publisher,
                AgentInterval = options.AgentInterval,
                MaxTokenLifetime = options.MaxTokenLifetime,
            });
            await RotateCheckWriter.WriteAsync(result, issuer, options.Output, stdout, cancellationToken).ConfigureAwait(false);
            return result.Verdict switch
            {
                StepVerdict.Safe => ExitCode.Success,
                StepVerdict.NotYet => ExitCode.RotationNotYet,
                _ => ExitCode.RotationNotSafe,
            };
        });

    private static string? OnlyOther(IReadOnlyList<string> kids, string newKid)
        => kids.Where(k => k != newKid).ToList() is [var only] ? only : null;

    /// <summary>Once the old key left the published set: the key other than the new one that the publisher withdrew last.</summary>
    private static string? LastWithdrawn(PublisherFacts? publisher, string newKid)
        => publisher?.Keys
            .Where(k => k.Kid != newKid && k.Status is KeyStatusNames.Retained or KeyStatusNames.Dropped or KeyStatusNames.Revoked)
            .MaxBy(k => k.ChangedAt)?.Kid;

    private static async Task<string> KidOfAsync(string file, string option, CancellationToken cancellationToken)
    {
        var keys = (await KeyLoading.LoadAsync([file], cancellationToken).ConfigureAwait(false)).Keys;
        return keys.Count == 1
            ? keys[0].Kid
            : throw new IssuerSyncException($"{option} {file}: the file holds {keys.Count} keys ({string.Join(", ", keys.Select(k => k.Kid))}): " +
                "give a file with that key alone, or its kid");
    }
}
