using System.CommandLine;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust azure|aws|gcp</c>: print the cloud-side setup and the pod spec, ready to paste.</summary>
internal static class TrustCommand
{
    public static Command Create() => new("trust", "Print, ready to paste, the cloud-side setup that trusts one service account of this issuer, " +
        "and the pod spec that uses it.")
    {
        new TrustAzureCommandDefinition(),
        new TrustAwsCommandDefinition(),
        new TrustGcpCommandDefinition(),
    };

    /// <summary>
    /// Runs a trust verb: the identity <paramref name="target"/> names, and the plan <paramref name="plan"/> makes for it, printed
    /// (a bash script, or JSON) on stdout with its warnings on stderr.
    /// </summary>
    public static Task<int> RunAsync(
        TrustOptions.Values target,
        Func<WorkloadIdentity, Task<CloudSetupPlan>> plan,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var identity = target.Identity();
            return await WriteAsync(await plan(identity).ConfigureAwait(false), identity, target.Json, stdout, stderr, cancellationToken).ConfigureAwait(false);
        });

    private static async Task<ExitCode> WriteAsync(
        CloudSetupPlan plan,
        WorkloadIdentity identity,
        bool json,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        foreach (var warning in plan.Warnings)
        {
            await stderr.WriteLineAsync($"issuersync: warning: {warning}".AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        var text = json ? SetupPlanJson.Build(plan, identity.Subject) + "\n" : SetupScript.Build(plan, identity.Subject);
        await stdout.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
        return ExitCode.Success;
    }
}
