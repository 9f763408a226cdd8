using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust aws</c>: the IAM OIDC provider (thumbprint from the served TLS chain), the role, and the pod.</summary>
internal sealed class TrustAwsCommandDefinition : TrustCommandDefinition
{
    public readonly Option<string> AccountId = TrustOptions.Name("--account-id", "ID", "The AWS account (12 digits).");

    public readonly Option<string> RoleName = TrustOptions.Name("--role-name", "NAME", "The IAM role the service account assumes.");

    public readonly Option<string> Audience = TrustOptions.Audience("The token audience (client id of the provider).", AwsSetupOptions.DefaultAudience);

    public readonly Option<string> Partition = new("--partition") { Description = "aws, aws-cn or aws-us-gov.", DefaultValueFactory = _ => "aws" };

    public readonly Option<string?> Thumbprint = new("--thumbprint")
    {
        Description = "The provider thumbprint. Default: computed from the TLS chain of the host serving the issuer's jwks_uri " +
            "(SHA-1 of the top CA certificate, as IAM expects).",
        HelpName = "SHA1",
    };

    public readonly Option<string?> CaCert = SharedOptions.CaCert("A PEM file of extra trust roots for reaching the issuer (private PKI, tests).");

    public readonly Option<string?> Region = new("--region")
    {
        Description = "The pod's AWS_REGION, whose regional STS endpoint it calls (else the script requires $AWS_REGION).",
        HelpName = "REGION",
    };

    public readonly Option<string[]> PolicyArns = new("--policy-arn")
    {
        Description = "A permission policy to attach to the role. Repeat for several.",
        HelpName = "ARN",
    };

    public TrustAwsCommandDefinition()
        : base("aws", SharedOptions.WithExample(
            "AWS IAM (IRSA): the OIDC provider with the thumbprint of the issuer host's real TLS chain, " +
            "the role trust policy (StringEquals on :aud and :sub), and the pod's projected token with AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE.",
            "issuersync trust aws --issuer https://BUCKET.s3.eu-west-1.amazonaws.com/cluster1 -n payments -s api --account-id 111122223333 " +
            "--role-name payments-api"))
    {
        Partition.AcceptOnlyFromAmong("aws", "aws-cn", "aws-us-gov");
        this.AddOptions(AccountId, RoleName, Audience, Partition, Thumbprint, CaCert, Region, PolicyArns);
    }

    /// <summary>The setup options, with the thumbprint (and the certificate it is of, when computed) once it is known.</summary>
    public AwsSetupOptions Read(ParseResult result, string thumbprint, string? thumbprintSource) => new()
    {
        AccountId = result.GetRequiredValue(AccountId),
        RoleName = result.GetRequiredValue(RoleName),
        Audience = result.GetRequiredValue(Audience),
        Partition = result.GetRequiredValue(Partition),
        Thumbprint = thumbprint,
        ThumbprintSource = thumbprintSource,
        Region = result.GetValue(Region),
        PolicyArns = result.GetValue(PolicyArns) ?? [],
    };

    protected override async Task<CloudSetupPlan> PlanAsync(WorkloadIdentity identity, ParseResult result, CancellationToken cancellationToken)
    {
        var (thumbprint, source) = await TrustAwsCommand.ThumbprintAsync(identity, result.GetValue(Thumbprint), result.GetValue(CaCert), cancellationToken)
            .ConfigureAwait(false);
        return AwsSetup.Build(identity, Read(result, thumbprint, source));
    }
}
