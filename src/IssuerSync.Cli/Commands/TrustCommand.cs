using System.CommandLine;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust azure|aws|gcp</c>: print the cloud-side setup and the pod spec, ready to paste.</summary>
internal static class TrustCommand
{
    public static Command Create() => new("trust", "Print, ready to paste, the cloud-side setup that trusts one service account of this issuer, " +
        "and the pod spec that uses it.")
    {
        TrustAzureCommand.Create(),
        TrustAwsCommand.Create(),
        TrustGcpCommand.Create(),
    };

    /// <summary>Prints the plan (a bash script, or JSON) on stdout and its warnings on stderr.</summary>
    public static async Task<ExitCode> WriteAsync(
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
