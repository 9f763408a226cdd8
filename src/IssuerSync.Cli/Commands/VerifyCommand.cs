using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Verify;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync verify</c>: fetch and check an issuer the way Entra ID, AWS STS and GCP do.</summary>
internal static class VerifyCommand
{
    public static Command Create() => new VerifyCommandDefinition();

    public static Task<int> RunAsync(VerifyOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            using var fetcher = new IssuerFetcher(TrustRoots.Load(options.CaCert), options.Timeout);
            var report = await IssuerVerifier.VerifyAsync(options, fetcher, cancellationToken).ConfigureAwait(false);
            await ReportWriter.WriteAsync(report, options.Output, stdout, cancellationToken).ConfigureAwait(false);
            return report.HasErrors ? ExitCode.VerificationFailed : ExitCode.Success;
        });
}
