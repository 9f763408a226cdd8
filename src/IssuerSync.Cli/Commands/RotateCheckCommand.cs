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

    public static Command Create()
    {
        var issuer = new Option<string?>("--issuer", "-i")
        {
            Description = "The issuer URL, byte for byte (default with --publisher: the one it registers for --issuer-id).",
            HelpName = "URL",
        };
        var publisher = new Option<string?>("--publisher", "-p")
        {
            Description = "The publisher's base URL: its status has when each key was published and since when the new key signs. " +
                "Without it only what the documents show is known.",
            HelpName = "URL",
        };
        var issuerId = OperatorOptions.IssuerId(required: false);
        var functionKeyFile = new Option<string?>("--function-key-file")
        {
            Description = $"With --publisher: a file holding the operator functions' key (default: ${AgentOptions.FunctionKeyVariable} when set).",
            HelpName = "FILE",
        };
        var caCert = new Option<string?>("--ca-cert")
        {
            Description = "A PEM file of extra trust roots, for the publisher and the issuer (private PKI, tests). Clouds trust only public CAs.",
            HelpName = "PEM",
        };
        var newKid = new Option<string?>("--new-kid") { Description = "The kid of the new key.", HelpName = "KID" };
        var newKey = new Option<string?>("--new-key")
        {
            Description = "The new key's file (public or private; the kid is computed as Kubernetes does).",
            HelpName = "FILE",
        };
        var oldKid = new Option<string?>("--old-kid")
        {
            Description = "The kid of the key being replaced (default: the publisher's latest signing key, or the one other published kid).",
            HelpName = "KID",
        };
        var oldKey = new Option<string?>("--old-key") { Description = "The old key's file, instead of --old-kid.", HelpName = "FILE" };
        var step = new Option<string?>("--step")
        {
            Description = "switch (step 3: sign with the new key) or remove (step 5: remove the old key). " +
                "Default: the next step (remove once the new key signs the pushes).",
            HelpName = "switch|remove",
        };
        step.AcceptOnlyFromAmong("switch", "remove");
        var agentInterval = AgentOptions.DurationOption("--agent-interval", RotationCheck.DefaultAgentInterval, "The agent's --interval, " +
            "waited on top of the JWKS's max-age");
        var maxTokenLifetime = AgentOptions.DurationOption("--max-token-lifetime", RotationCheck.DefaultMaxTokenLifetime, "The longest lifetime of " +
            "a token the old key signed (kubelet-projected tokens: 24h)");
        var output = new ReportFormatOption();
        var timeout = AgentOptions.DurationOption("--timeout", PublisherConnection.DefaultTimeout, "How long to wait for each answer");
        var command = new Command("check", SharedOptions.WithExample(
            "Tell whether the next rotation step is safe now: switching the signing key (the new kid is in the JWKS the clouds fetch, " +
            "and its max-age plus the agent's interval have passed since the publisher published it) or removing the old key " +
            "(the new key signs the pushes, and the longest token lifetime has passed since it started to). " +
            "Exit 0 when the step is safe, 5 when only time is missing (the time left is printed), 6 when something must be done first or it cannot be known.",
            "issuersync rotate check --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --new-key sa-new.pub",
            "issuersync rotate check --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --new-kid KID --step remove " +
            "--max-token-lifetime 25h --output json"))
        {
            issuer, publisher, issuerId, functionKeyFile, caCert, newKid, newKey, oldKid, oldKey, step, agentInterval, maxTokenLifetime, output, timeout,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(newKid) is null) == (result.GetValue(newKey) is null))
            {
                result.AddError("give the new key as --new-kid KID or --new-key FILE (one of them)");
            }

            if (result.GetValue(oldKid) is not null && result.GetValue(oldKey) is not null)
            {
                result.AddError("give the old key as --old-kid KID or --old-key FILE, not both");
            }

            if ((result.GetValue(publisher) is null) != (result.GetValue(issuerId) is null))
            {
                result.AddError("--publisher and --issuer-id go together: the publisher's status of that issuer");
            }

            if (result.GetValue(publisher) is null && result.GetValue(issuer) is null)
            {
                result.AddError("give --issuer URL, or --publisher URL with --issuer-id ID");
            }
        });
        command.SetAction((result, cancellationToken) =>
        {
            var format = output.Read(result);
            var wait = timeout.Read(result);
            return RunAsync(
                new Options
                {
                    Issuer = result.GetValue(issuer),
                    Connection = result.GetValue(publisher) is { } url
                        ? new PublisherConnection
                        {
                            Publisher = url,
                            FunctionKeyFile = result.GetValue(functionKeyFile),
                            CaCert = result.GetValue(caCert),
                            Output = format,
                            Timeout = wait,
                        }
                        : null,
                    IssuerId = result.GetValue(issuerId),
                    NewKid = result.GetValue(newKid),
                    NewKey = result.GetValue(newKey),
                    OldKid = result.GetValue(oldKid),
                    OldKey = result.GetValue(oldKey),
                    Step = result.GetValue(step) switch { "switch" => RotationStep.Switch, "remove" => RotationStep.Remove, _ => null },
                    AgentInterval = agentInterval.Read(result),
                    MaxTokenLifetime = maxTokenLifetime.Read(result),
                    CaCert = result.GetValue(caCert),
                    Output = format,
                    Timeout = wait,
                },
                result.InvocationConfiguration.Output,
                result.InvocationConfiguration.Error,
                cancellationToken);
        });
        return command;
    }

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
