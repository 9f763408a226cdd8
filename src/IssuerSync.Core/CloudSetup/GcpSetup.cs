namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// Builds the GCP Workload Identity Federation setup: pool, OIDC provider (fetching the issuer, or
/// with the JWKS uploaded by --jwk-json-path for an issuer the internet cannot reach), the grant,
/// the credential configuration, and the pod with the projected token and GOOGLE_APPLICATION_CREDENTIALS.
/// </summary>
public static class GcpSetup
{
    public const string TokenMountPath = "/var/run/service-account";
    public const string TokenFileName = "token";
    public const string CredentialFile = "credential-configuration.json";
    public const string CredentialConfigMap = "workload-identity-credentials";
    public const string CredentialMountPath = "/etc/workload-identity";
    public const string DefaultJwkJsonPath = "cluster-jwks.json";

    public static string ProviderResource(GcpSetupOptions options)
        => $"projects/{options.ProjectNumber}/locations/global/workloadIdentityPools/{options.PoolId}/providers/{options.ProviderId}";

    /// <summary>The token audience GCP accepts by default for the provider.</summary>
    public static string Audience(GcpSetupOptions options) => $"https://iam.googleapis.com/{ProviderResource(options)}";

    /// <summary>The federated principal of one service account, for IAM bindings.</summary>
    public static string Principal(WorkloadIdentity identity, GcpSetupOptions options)
        => $"principal://iam.googleapis.com/projects/{options.ProjectNumber}/locations/global/workloadIdentityPools/{options.PoolId}" +
            $"/subject/{identity.Subject}";

    public static CloudSetupPlan Build(WorkloadIdentity identity, GcpSetupOptions options)
    {
        if (options.ProjectNumber.Length == 0 || !options.ProjectNumber.All(char.IsAsciiDigit))
        {
            throw new IssuerSyncException(
                $"--project-number '{options.ProjectNumber}' is not a project number (digits): " +
                "see gcloud projects describe PROJECT_ID --format='value(projectNumber)'");
        }

        var steps = new List<SetupStep>
        {
            SetupStep.Run(
                $"Create the workload identity pool {options.PoolId}",
                Gcloud(
                    "iam workload-identity-pools create",
                    options.PoolId,
                    options,
                    [new("--location", "global", true), new("--display-name", options.PoolId, true)])),
        };

        if (options.JwkJsonPath is null)
        {
            steps.Add(SetupStep.Run(
                $"Create the OIDC provider {options.ProviderId}: GCP fetches the keys from {identity.Issuer.Value}",
                CreateProvider(identity, options, null)));
            steps.Add(new SetupStep(
                "OR, when the issuer is not reachable from the internet: upload the cluster's JWKS with the provider " +
                "(run it again after every key rotation, with providers update-oidc)",
                [ExportJwks(DefaultJwkJsonPath), CreateProvider(identity, options, DefaultJwkJsonPath)]) { Alternative = true });
        }
        else
        {
            steps.Add(SetupStep.Run(
                $"Create the OIDC provider {options.ProviderId} with the cluster's JWKS uploaded " +
                "(the issuer is not fetched; run it again after every key rotation, with providers update-oidc)",
                ExportJwks(options.JwkJsonPath),
                CreateProvider(identity, options, options.JwkJsonPath)));
        }

        var principal = Principal(identity, options);
        steps.Add(options.ServiceAccountEmail is null
            ? new SetupStep($"Then grant roles to the federated principal {principal}, for example read a bucket (replace BUCKET)", [Gcloud(
                "storage buckets add-iam-policy-binding",
                "gs://BUCKET",
                options,
                [new("--role", "roles/storage.objectViewer", true), new("--member", principal, true)])]) { Alternative = true }
            : SetupStep.Run($"Let {identity.Subject} impersonate {options.ServiceAccountEmail}", Gcloud(
                "iam service-accounts add-iam-policy-binding",
                options.ServiceAccountEmail,
                options,
                [new("--role", "roles/iam.workloadIdentityUser", true), new("--member", principal, true)])));

        var credentialOptions = new List<CommandOption>
        {
            new("--credential-source-file", $"{TokenMountPath}/{TokenFileName}", true),
            new("--credential-source-type", "text", true),
            new("--output-file", CredentialFile, true),
        };
        if (options.ServiceAccountEmail is not null)
        {
            credentialOptions.Add(new("--service-account", options.ServiceAccountEmail, true));
        }

        steps.Add(SetupStep.Run(
            "Write the credential configuration the Google client libraries read",
            Gcloud("iam workload-identity-pools create-cred-config", ProviderResource(options), options, credentialOptions)));
        steps.Add(KubernetesSteps.Namespace(identity));
        steps.Add(SetupStep.Run(
            $"Store it in the namespace as the ConfigMap {CredentialConfigMap}",
            KubernetesSteps.CreateOrApply(new SetupCommand(
                "kubectl create configmap",
                new CommandOption(CredentialConfigMap),
                new CommandOption("--namespace", identity.Namespace, true),
                new CommandOption("--from-file", CredentialFile, true)))));

        var token = new ProjectedToken("gcp-ksa-token", TokenMountPath, TokenFileName, Audience(options));
        var pod = PodManifest.Build(identity, new PodTemplate
        {
            Token = token,
            Environment = [new("GOOGLE_APPLICATION_CREDENTIALS", $"{CredentialMountPath}/{CredentialFile}")],
            ConfigMap = new ConfigMapMount(CredentialConfigMap, CredentialMountPath),
        });
        steps.AddRange(KubernetesSteps.Pod(new SetupFile(KubernetesSteps.PodFile, pod)));
        return new CloudSetupPlan("gcp", steps);
    }

    private static SetupCommand CreateProvider(WorkloadIdentity identity, GcpSetupOptions options, string? jwkJsonPath)
    {
        var providerOptions = new List<CommandOption>
        {
            new("--location", "global", true),
            new("--workload-identity-pool", options.PoolId, true),
            new("--issuer-uri", identity.Issuer.Value, true),
            new("--attribute-mapping", "google.subject=assertion.sub", true),
        };
        if (jwkJsonPath is not null)
        {
            providerOptions.Add(new("--jwk-json-path", jwkJsonPath, true));
        }

        return Gcloud("iam workload-identity-pools providers create-oidc", options.ProviderId, options, providerOptions);
    }

    private static SetupCommand ExportJwks(string path)
        => new SetupCommand("kubectl get", new CommandOption("--raw", "/openid/v1/jwks")) { RedirectTo = path };

    private static SetupCommand Gcloud(string words, string resource, GcpSetupOptions options, IEnumerable<CommandOption> rest)
    {
        var all = rest.ToList();
        if (options.Project is not null)
        {
            all.Add(new("--project", options.Project, true));
        }

        return new SetupCommand([.. ("gcloud " + words).Split(' '), resource], all);
    }
}
