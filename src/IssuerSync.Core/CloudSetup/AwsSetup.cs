using System.Text.RegularExpressions;

namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// Builds the AWS IAM setup: the OIDC provider (issuer, audience, thumbprint), the role with its
/// trust policy and permission policies, the namespace, and the pod with the projected token and
/// AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE / AWS_REGION / AWS_STS_REGIONAL_ENDPOINTS.
/// </summary>
public static partial class AwsSetup
{
    public const string TokenMountPath = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
    public const string TokenFileName = "token";
    public const string PolicyFile = "trust-policy.json";

    public static readonly ShellVariable RegionVariable = new(
        "AWS_REGION",
        "set AWS_REGION to the region whose STS endpoint the pod calls (export AWS_REGION=eu-west-1), or give issuersync trust aws --region");

    public static CloudSetupPlan Build(WorkloadIdentity identity, AwsSetupOptions options)
    {
        Validate(options);
        var thumbprint = AwsThumbprint.Normalize(options.Thumbprint);
        var roleArn = RoleArn(options);
        var region = options.Region ?? RegionVariable.Reference;
        string[] variables = options.Region is null ? [RegionVariable.Name] : [];
        var token = new ProjectedToken("aws-iam-token", TokenMountPath, TokenFileName, options.Audience);
        var pod = PodManifest.Build(identity, new PodTemplate
        {
            Token = token,
            Environment =
            [
                new("AWS_ROLE_ARN", roleArn),
                new("AWS_WEB_IDENTITY_TOKEN_FILE", token.FilePath),
                new("AWS_REGION", region),
                new("AWS_STS_REGIONAL_ENDPOINTS", "regional"),
            ],
        });

        var steps = new List<SetupStep>
        {
            SetupStep.Run(
                $"Register {identity.Issuer.Value} as an OIDC identity provider (thumbprint: " +
                $"SHA-1 of {options.ThumbprintSource ?? "the top CA certificate its host serves"})",
                new SetupCommand(
                    "aws iam create-open-id-connect-provider",
                    new CommandOption("--url", identity.Issuer.Value),
                    new CommandOption("--client-id-list", options.Audience),
                    new CommandOption("--thumbprint-list", thumbprint))),
            SetupStep.Write(
                $"The role trust policy: only {identity.Subject}, only for audience {options.Audience}",
                new SetupFile(PolicyFile, AwsTrustPolicy.Build(identity, options))),
            SetupStep.Run(
                $"Create the role {options.RoleName}",
                new SetupCommand(
                    "aws iam create-role",
                    new CommandOption("--role-name", options.RoleName),
                    new CommandOption("--assume-role-policy-document", $"file://{PolicyFile}"))),
            options.PolicyArns.Count > 0
                ? SetupStep.Run($"Attach the role's permission policies", [.. options.PolicyArns.Select(arn => AttachPolicy(options, arn))])
                : new SetupStep(
                    "Then attach the role's permission policies (give --policy-arn to have them run here), for example",
                    [AttachPolicy(options, $"arn:{options.Partition}:iam::aws:policy/ReadOnlyAccess")]) { Alternative = true },
            KubernetesSteps.Namespace(identity),
        };
        steps.AddRange(KubernetesSteps.Pod(new SetupFile(KubernetesSteps.PodFile, pod) { Variables = variables }));
        steps.Add(AwsWebhook.Alternative(identity, options, roleArn, region, variables));

        var port = IssuerPort(identity);
        return new CloudSetupPlan("aws", steps)
        {
            Requires = options.Region is null ? [RegionVariable] : [],
            Warnings = port is null
                ? []
                :
                [
                    $"the issuer {identity.Issuer.Value} has a port (:{port}), and AWS IAM refuses an OIDC provider URL with a port " +
                    "(CreateOpenIDConnectProvider: \"The URL should not contain a port number\"): create-open-id-connect-provider will fail; " +
                    "serve the issuer on the default https port and set the cluster's --service-account-issuer without a port",
                ],
        };
    }

    public static string RoleArn(AwsSetupOptions options) => $"arn:{options.Partition}:iam::{options.AccountId}:role/{options.RoleName}";

    /// <summary>The explicit port of the issuer URL, or null when it has none.</summary>
    public static string? IssuerPort(WorkloadIdentity identity)
    {
        // The URL as written: Uri drops an explicit default port (:443), and IAM refuses that too.
        var authority = identity.Issuer.Value["https://".Length..].Split('/', 2)[0];
        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') ? authority[(colon + 1)..] : null;
    }

    private static SetupCommand AttachPolicy(AwsSetupOptions options, string policyArn)
        => new("aws iam attach-role-policy", new CommandOption("--role-name", options.RoleName), new CommandOption("--policy-arn", policyArn));

    private static void Validate(AwsSetupOptions options)
    {
        var errors = new List<string>();
        if (options.AccountId.Length != 12 || !options.AccountId.All(char.IsAsciiDigit))
        {
            errors.Add(
                $"--account-id '{options.AccountId}' is not an AWS account id (12 digits): see aws sts get-caller-identity --query Account --output text");
        }

        if (options.Region is not null && !Region().IsMatch(options.Region))
        {
            errors.Add(
                $"--region '{options.Region}' is not an AWS region name: give one like eu-west-1 or us-gov-west-1 " +
                "(aws ec2 describe-regions --query 'Regions[].RegionName')");
        }

        errors.AddRange(options.PolicyArns
            .Where(arn => !arn.StartsWith($"arn:{options.Partition}:iam::", StringComparison.Ordinal) || !arn.Contains(":policy/", StringComparison.Ordinal))
            .Select(arn =>
                $"--policy-arn '{arn}' is not an IAM policy ARN of partition {options.Partition}: " +
                $"give one like arn:{options.Partition}:iam::aws:policy/ReadOnlyAccess or arn:{options.Partition}:iam::{options.AccountId}:policy/NAME"));
        if (errors.Count > 0)
        {
            throw new IssuerSyncException(string.Join("; ", errors));
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]+\z")]
    private static partial Regex Region();
}
