namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// Builds the AWS IAM setup: the OIDC provider (issuer, audience, thumbprint), the role with its
/// trust policy, and the pod with the projected token and AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE.
/// </summary>
public static class AwsSetup
{
    public const string TokenMountPath = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
    public const string TokenFileName = "token";
    public const string PolicyFile = "trust-policy.json";

    public static CloudSetupPlan Build(WorkloadIdentity identity, AwsSetupOptions options)
    {
        if (options.AccountId.Length != 12 || !options.AccountId.All(char.IsAsciiDigit))
        {
            throw new IssuerSyncException($"--account-id '{options.AccountId}' is not an AWS account id (12 digits): see aws sts get-caller-identity --query Account --output text");
        }

        var thumbprint = AwsThumbprint.Normalize(options.Thumbprint);
        var roleArn = $"arn:{options.Partition}:iam::{options.AccountId}:role/{options.RoleName}";
        var token = new ProjectedToken("aws-iam-token", TokenMountPath, TokenFileName, options.Audience);
        var pod = PodManifest.Build(identity, token,
        [
            new("AWS_ROLE_ARN", roleArn),
            new("AWS_WEB_IDENTITY_TOKEN_FILE", token.FilePath),
        ]);

        return new CloudSetupPlan("aws",
        [
            SetupStep.Run(
                $"Register {identity.Issuer.Value} as an OIDC identity provider (thumbprint: SHA-1 of {options.ThumbprintSource ?? "the top CA certificate its host serves"})",
                new SetupCommand(
                    "aws iam create-open-id-connect-provider",
                    new CommandOption("--url", identity.Issuer.Value),
                    new CommandOption("--client-id-list", options.Audience),
                    new CommandOption("--thumbprint-list", thumbprint))),
            SetupStep.Write($"The role trust policy: only {identity.Subject}, only for audience {options.Audience}", new SetupFile(PolicyFile, AwsTrustPolicy.Build(identity, options))),
            SetupStep.Run(
                $"Create the role {options.RoleName} (then attach its permission policies)",
                new SetupCommand(
                    "aws iam create-role",
                    new CommandOption("--role-name", options.RoleName),
                    new CommandOption("--assume-role-policy-document", $"file://{PolicyFile}"))),
            SetupStep.Write("The service account and a pod using it (merge env, volumeMounts and volumes into your workload)", new SetupFile("pod.yaml", pod)),
            SetupStep.Run("Apply it", new SetupCommand("kubectl apply", new CommandOption("-f", "pod.yaml"))),
        ]);
    }
}
