namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// The alternative to a hand-written token volume on AWS: the Amazon EKS Pod Identity Webhook
/// (aws/amazon-eks-pod-identity-webhook) deployed on the self-hosted cluster. It mutates pods whose
/// service account carries eks.amazonaws.com/role-arn: it adds the token volume (audience
/// sts.amazonaws.com by default), AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, and with
/// eks.amazonaws.com/sts-regional-endpoints: "true" AWS_STS_REGIONAL_ENDPOINTS=regional. It sets
/// AWS_REGION only when started with --aws-default-region, so the pod keeps it. Its deploy/ manifests
/// need cert-manager for the webhook's serving certificate.
/// Source: https://github.com/aws/amazon-eks-pod-identity-webhook (README.md, deploy/).
/// </summary>
public static class AwsWebhook
{
    public const string Repository = "https://github.com/aws/amazon-eks-pod-identity-webhook";
    public const string Image = "amazon/amazon-eks-pod-identity-webhook:latest";
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";
    public const string PodFile = "pod-webhook.yaml";

    public static SetupStep Alternative(WorkloadIdentity identity, AwsSetupOptions options, string roleArn, string region, IReadOnlyList<string> variables)
    {
        var pod = PodManifest.Build(identity, new PodTemplate
        {
            ServiceAccountAnnotations =
            [
                new(RoleArnAnnotation, roleArn),
                new("eks.amazonaws.com/audience", options.Audience),
                new("eks.amazonaws.com/sts-regional-endpoints", "true"),
            ],
            Environment = [new("AWS_REGION", region)],
        });
        return new SetupStep(
            "OR, without the token volume: deploy the Amazon EKS Pod Identity Webhook once per cluster " +
            $"({Repository}; install cert-manager first, https://cert-manager.io/docs/installation/); " +
            $"it injects the volume and AWS_* into pods whose service account is annotated {RoleArnAnnotation}",
            [
                new SetupCommand("git clone", new CommandOption(Repository)),
                new SetupCommand(
                    "make",
                    new CommandOption("-C", "amazon-eks-pod-identity-webhook"),
                    new CommandOption("cluster-up"),
                    new CommandOption($"IMAGE={Image}")),
                KubernetesSteps.Apply(PodFile),
            ],
            new SetupFile(PodFile, pod) { Variables = variables })
        {
            Alternative = true,
        };
    }
}
