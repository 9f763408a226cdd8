using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Verify;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync verify</c>: fetch and check an issuer the way Entra ID, AWS STS and GCP do.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var issuer = new Argument<string>("ISSUER_URL") { Description = "The issuer, byte for byte as the cluster's --service-account-issuer (a trailing slash matters)." };
        var token = new Option<string?>("--token") { Description = "A projected service-account token file: checks iss, kid, signature, exp/nbf and aud, and prints sub and aud.", HelpName = "FILE" };
        var audience = new Option<string?>("--audience") { Description = "With --token: the audience the cloud expects (api://AzureADTokenExchange, sts.amazonaws.com, the GCP provider).", HelpName = "AUD" };
        var caCert = new Option<string?>("--ca-cert") { Description = "A PEM file of extra trust roots (private PKI, tests). Clouds trust only public CAs.", HelpName = "PEM" };
        var output = new Option<string>("--output", "-o") { Description = "table (for people) or json (for scripts).", DefaultValueFactory = _ => "table", HelpName = "table|json" };
        output.AcceptOnlyFromAmong("table", "json");
        var command = new Command("verify", SharedOptions.WithExample(
            "Fetch {issuer}/.well-known/openid-configuration and the JWKS exactly as a cloud does (https, no redirects) and report every problem with the cloud error it causes and its fix. Exits 4 when any error is found.",
            "issuersync verify https://oidc.example.com/cluster1",
            "issuersync verify https://oidc.example.com/cluster1 --token /var/run/secrets/tokens/azure --audience api://AzureADTokenExchange --output json"))
        {
            issuer,
            token,
            audience,
            caCert,
            output,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(audience) is not null && result.GetValue(token) is null)
            {
                result.AddError("--audience checks the token's aud: give --token FILE too");
            }
        });
        command.SetAction((result, cancellationToken) => RunAsync(
            new VerifyOptions
            {
                Issuer = result.GetRequiredValue(issuer),
                TokenFile = result.GetValue(token),
                Audience = result.GetValue(audience),
                CaCert = result.GetValue(caCert),
                Output = result.GetValue(output) == "json" ? ReportFormat.Json : ReportFormat.Table,
            },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(VerifyOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            using var fetcher = new IssuerFetcher(TrustRoots.Load(options.CaCert), options.Timeout);
            var report = await IssuerVerifier.VerifyAsync(options, fetcher, cancellationToken).ConfigureAwait(false);
            await ReportWriter.WriteAsync(report, options.Output, stdout, cancellationToken).ConfigureAwait(false);
            return report.HasErrors ? ExitCode.VerificationFailed : ExitCode.Success;
        });
}
