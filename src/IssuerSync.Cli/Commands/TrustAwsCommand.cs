using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust aws</c>: the IAM OIDC provider (thumbprint from the served TLS chain), the role, and the pod.</summary>
internal static class TrustAwsCommand
{
    /// <summary>Builds the setup options once the thumbprint (and the certificate it is of, when computed) is known.</summary>
    public delegate AwsSetupOptions SetupWith(string thumbprint, string? thumbprintSource);

    public static Command Create()
    {
        var common = new TrustOptions();
        var accountId = new Option<string>("--account-id") { Description = "The AWS account (12 digits).", Required = true, HelpName = "ID" };
        var roleName = new Option<string>("--role-name") { Description = "The IAM role the service account assumes.", Required = true, HelpName = "NAME" };
        var audience = new Option<string>("--audience")
        {
            Description = "The token audience (client id of the provider).",
            DefaultValueFactory = _ => AwsSetupOptions.DefaultAudience,
            HelpName = "AUD",
        };
        var partition = new Option<string>("--partition") { Description = "aws, aws-cn or aws-us-gov.", DefaultValueFactory = _ => "aws" };
        partition.AcceptOnlyFromAmong("aws", "aws-cn", "aws-us-gov");
        var thumbprint = new Option<string?>("--thumbprint")
        {
            Description = "The provider thumbprint. Default: computed from the TLS chain of the host serving the issuer's jwks_uri " +
                "(SHA-1 of the top CA certificate, as IAM expects).",
            HelpName = "SHA1",
        };
        var caCert = new Option<string?>("--ca-cert")
        {
            Description = "A PEM file of extra trust roots for reaching the issuer (private PKI, tests).",
            HelpName = "PEM",
        };
        var region = new Option<string?>("--region")
        {
            Description = "The pod's AWS_REGION, whose regional STS endpoint it calls (else the script requires $AWS_REGION).",
            HelpName = "REGION",
        };
        var policyArns = new Option<string[]>("--policy-arn")
        {
            Description = "A permission policy to attach to the role. Repeat for several.",
            HelpName = "ARN",
        };
        var command = new Command("aws", SharedOptions.WithExample(
            "AWS IAM (IRSA): the OIDC provider with the thumbprint of the issuer host's real TLS chain, " +
            "the role trust policy (StringEquals on :aud and :sub), and the pod's projected token with AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE.",
            "issuersync trust aws --issuer https://BUCKET.s3.eu-west-1.amazonaws.com/cluster1 -n payments -s api --account-id 111122223333 " +
            "--role-name payments-api"));
        common.AddTo(command);
        command.Options.Add(accountId);
        command.Options.Add(roleName);
        command.Options.Add(audience);
        command.Options.Add(partition);
        command.Options.Add(thumbprint);
        command.Options.Add(caCert);
        command.Options.Add(region);
        command.Options.Add(policyArns);
        CommandRunner.SetAction(command, (result, stdout, stderr, cancellationToken) => RunAsync(
            common.Read(result),
            result.GetValue(thumbprint),
            result.GetValue(caCert),
            (computed, source) => new AwsSetupOptions
            {
                AccountId = result.GetRequiredValue(accountId),
                RoleName = result.GetRequiredValue(roleName),
                Audience = result.GetRequiredValue(audience),
                Partition = result.GetRequiredValue(partition),
                Thumbprint = computed,
                ThumbprintSource = source,
                Region = result.GetValue(region),
                PolicyArns = result.GetValue(policyArns) ?? [],
            },
            stdout,
            stderr,
            cancellationToken));
        return command;
    }

    /// <param name="thumbprint">Given by hand; computed from the served TLS chain when null.</param>
    public static Task<int> RunAsync(
        TrustOptions.Values target,
        string? thumbprint,
        string? caCert,
        SetupWith setup,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var identity = target.Identity();
            var source = (string?)null;
            if (thumbprint is null)
            {
                using var fetcher = new IssuerFetcher(TrustRoots.Load(caCert));
                (thumbprint, source) = await ThumbprintReader.ReadAsync(identity.Issuer, fetcher, cancellationToken).ConfigureAwait(false);
            }

            var plan = AwsSetup.Build(identity, setup(thumbprint, source));
            return await TrustCommand.WriteAsync(plan, identity, target.Json, stdout, stderr, cancellationToken).ConfigureAwait(false);
        });
}
