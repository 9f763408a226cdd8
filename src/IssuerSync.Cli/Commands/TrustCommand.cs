using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Verify;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync trust azure|aws|gcp</c>: print the cloud-side setup and the pod spec, ready to paste.</summary>
internal static class TrustCommand
{
    public sealed class Options
    {
        public required string Issuer { get; init; }

        public required string Namespace { get; init; }

        public required string ServiceAccount { get; init; }

        public bool Json { get; init; }

        public AzureSetupOptions? Azure { get; init; }

        public AwsOptions? Aws { get; init; }

        public GcpSetupOptions? Gcp { get; init; }
    }

    /// <summary>The AWS options before the thumbprint is known.</summary>
    public sealed class AwsOptions
    {
        public required string AccountId { get; init; }

        public required string RoleName { get; init; }

        public string Audience { get; init; } = AwsSetupOptions.DefaultAudience;

        public string Partition { get; init; } = "aws";

        /// <summary>Given by hand; computed from the served TLS chain when null.</summary>
        public string? Thumbprint { get; init; }

        public string? CaCert { get; init; }
    }

    public static Command Create() => new("trust", "Print, ready to paste, the cloud-side setup that trusts one service account of this issuer, and the pod spec that uses it.")
    {
        Azure(),
        Aws(),
        Gcp(),
    };

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var identity = WorkloadIdentity.Create(options.Issuer, options.Namespace, options.ServiceAccount);
            CloudSetupPlan plan;
            if (options.Azure is not null)
            {
                plan = AzureSetup.Build(identity, options.Azure);
            }
            else if (options.Gcp is not null)
            {
                plan = GcpSetup.Build(identity, options.Gcp);
            }
            else
            {
                var aws = options.Aws!;
                var (thumbprint, source) = (aws.Thumbprint, (string?)null);
                if (thumbprint is null)
                {
                    using var fetcher = new IssuerFetcher(TrustRoots.Load(aws.CaCert));
                    (thumbprint, source) = await ThumbprintReader.ReadAsync(identity.Issuer, fetcher, cancellationToken).ConfigureAwait(false);
                }

                plan = AwsSetup.Build(identity, new AwsSetupOptions
                {
                    AccountId = aws.AccountId,
                    RoleName = aws.RoleName,
                    Audience = aws.Audience,
                    Partition = aws.Partition,
                    Thumbprint = thumbprint,
                    ThumbprintSource = source,
                });
            }

            var text = options.Json ? SetupPlanWriter.Json(plan, identity.Subject) + "\n" : SetupPlanWriter.Shell(plan, identity.Subject);
            await stdout.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        });

    private static Command Azure()
    {
        var common = new CommonOptions();
        var identityName = new Option<string>("--identity-name") { Description = "The user-assigned managed identity that the workload becomes.", Required = true, HelpName = "NAME" };
        var resourceGroup = new Option<string>("--resource-group", "-g") { Description = "The identity's resource group.", Required = true, HelpName = "GROUP" };
        var subscription = new Option<string?>("--subscription") { Description = "The identity's subscription (default: az's current one).", HelpName = "ID" };
        var credentialName = new Option<string?>("--credential-name") { Description = "The federated credential's name. Default: NAMESPACE-SERVICEACCOUNT.", HelpName = "NAME" };
        var clientId = new Option<string?>("--client-id") { Description = "The identity's client id, for AZURE_CLIENT_ID (else a placeholder naming the az command that prints it).", HelpName = "GUID" };
        var tenantId = new Option<string?>("--tenant-id") { Description = "The tenant id, for AZURE_TENANT_ID.", HelpName = "GUID" };
        var audience = new Option<string>("--audience") { Description = "The token audience.", DefaultValueFactory = _ => AzureSetupOptions.DefaultAudience, HelpName = "AUD" };
        var command = new Command("azure", SharedOptions.WithExample(
            "Entra Workload ID: az identity federated-credential create, and the pod's projected token and AZURE_* variables.",
            "issuersync trust azure --issuer https://ACCOUNT.z6.web.core.windows.net/cluster1 -n payments -s api --identity-name payments-api -g rg-payments"));
        common.AddTo(command);
        command.Options.Add(identityName);
        command.Options.Add(resourceGroup);
        command.Options.Add(subscription);
        command.Options.Add(credentialName);
        command.Options.Add(clientId);
        command.Options.Add(tenantId);
        command.Options.Add(audience);
        command.SetAction((result, cancellationToken) => RunAsync(
            common.Read(result, o => o.Azure = new AzureSetupOptions
            {
                IdentityName = result.GetRequiredValue(identityName),
                ResourceGroup = result.GetRequiredValue(resourceGroup),
                Subscription = result.GetValue(subscription),
                CredentialName = result.GetValue(credentialName),
                ClientId = result.GetValue(clientId),
                TenantId = result.GetValue(tenantId),
                Audience = result.GetRequiredValue(audience),
            }),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static Command Aws()
    {
        var common = new CommonOptions();
        var accountId = new Option<string>("--account-id") { Description = "The AWS account (12 digits).", Required = true, HelpName = "ID" };
        var roleName = new Option<string>("--role-name") { Description = "The IAM role the service account assumes.", Required = true, HelpName = "NAME" };
        var audience = new Option<string>("--audience") { Description = "The token audience (client id of the provider).", DefaultValueFactory = _ => AwsSetupOptions.DefaultAudience, HelpName = "AUD" };
        var partition = new Option<string>("--partition") { Description = "aws, aws-cn or aws-us-gov.", DefaultValueFactory = _ => "aws" };
        partition.AcceptOnlyFromAmong("aws", "aws-cn", "aws-us-gov");
        var thumbprint = new Option<string?>("--thumbprint") { Description = "The provider thumbprint. Default: computed from the TLS chain of the host serving the issuer's jwks_uri (SHA-1 of the top CA certificate, as IAM expects).", HelpName = "SHA1" };
        var caCert = new Option<string?>("--ca-cert") { Description = "A PEM file of extra trust roots for reaching the issuer (private PKI, tests).", HelpName = "PEM" };
        var command = new Command("aws", SharedOptions.WithExample(
            "AWS IAM (IRSA): the OIDC provider with the thumbprint of the issuer host's real TLS chain, the role trust policy (StringEquals on :aud and :sub), and the pod's projected token with AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE.",
            "issuersync trust aws --issuer https://BUCKET.s3.eu-west-1.amazonaws.com/cluster1 -n payments -s api --account-id 111122223333 --role-name payments-api"));
        common.AddTo(command);
        command.Options.Add(accountId);
        command.Options.Add(roleName);
        command.Options.Add(audience);
        command.Options.Add(partition);
        command.Options.Add(thumbprint);
        command.Options.Add(caCert);
        command.SetAction((result, cancellationToken) => RunAsync(
            common.Read(result, o => o.Aws = new AwsOptions
            {
                AccountId = result.GetRequiredValue(accountId),
                RoleName = result.GetRequiredValue(roleName),
                Audience = result.GetRequiredValue(audience),
                Partition = result.GetRequiredValue(partition),
                Thumbprint = result.GetValue(thumbprint),
                CaCert = result.GetValue(caCert),
            }),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static Command Gcp()
    {
        var common = new CommonOptions();
        var projectNumber = new Option<string>("--project-number") { Description = "The project number (digits) of the pool.", Required = true, HelpName = "NUMBER" };
        var pool = new Option<string>("--pool") { Description = "The workload identity pool id.", Required = true, HelpName = "ID" };
        var provider = new Option<string>("--provider") { Description = "The OIDC provider id in the pool.", Required = true, HelpName = "ID" };
        var project = new Option<string?>("--project") { Description = "gcloud's --project (default: gcloud's configured project).", HelpName = "ID" };
        var serviceAccount = new Option<string?>("--gcp-service-account") { Description = "A Google service account to impersonate (default: grant roles to the federated principal directly).", HelpName = "EMAIL" };
        var jwkJsonPath = new Option<string?>("--jwk-json-path") { Description = "Upload the cluster's JWKS from this file with the provider, for an issuer the internet cannot reach (kubectl get --raw /openid/v1/jwks > FILE).", HelpName = "FILE" };
        var command = new Command("gcp", SharedOptions.WithExample(
            "GCP Workload Identity Federation: pool, OIDC provider (or with the JWKS uploaded by --jwk-json-path), grant, credential configuration, and the pod's projected token with GOOGLE_APPLICATION_CREDENTIALS.",
            "issuersync trust gcp --issuer https://storage.googleapis.com/BUCKET/cluster1 -n payments -s api --project-number 123456789012 --pool k8s --provider cluster1"));
        common.AddTo(command);
        command.Options.Add(projectNumber);
        command.Options.Add(pool);
        command.Options.Add(provider);
        command.Options.Add(project);
        command.Options.Add(serviceAccount);
        command.Options.Add(jwkJsonPath);
        command.SetAction((result, cancellationToken) => RunAsync(
            common.Read(result, o => o.Gcp = new GcpSetupOptions
            {
                ProjectNumber = result.GetRequiredValue(projectNumber),
                PoolId = result.GetRequiredValue(pool),
                ProviderId = result.GetRequiredValue(provider),
                Project = result.GetValue(project),
                ServiceAccountEmail = result.GetValue(serviceAccount),
                JwkJsonPath = result.GetValue(jwkJsonPath),
            }),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>The options every cloud takes.</summary>
    private sealed class CommonOptions
    {
        private readonly Option<string> _issuer = SharedOptions.Issuer();
        private readonly Option<string> _namespace = new("--namespace", "-n") { Description = "The service account's namespace.", Required = true, HelpName = "NS" };
        private readonly Option<string> _serviceAccount = new("--service-account", "-s") { Description = "The Kubernetes service account the pod runs as.", Required = true, HelpName = "SA" };
        private readonly Option<string> _output = new("--output", "-o") { Description = "text (a bash script) or json (argv arrays and file contents).", DefaultValueFactory = _ => "text", HelpName = "text|json" };

        public void AddTo(Command command)
        {
            _output.AcceptOnlyFromAmong("text", "json");
            command.Options.Add(_issuer);
            command.Options.Add(_namespace);
            command.Options.Add(_serviceAccount);
            command.Options.Add(_output);
        }

        public Options Read(ParseResult result, Action<Builder> cloud)
        {
            var builder = new Builder();
            cloud(builder);
            return new Options
            {
                Issuer = result.GetRequiredValue(_issuer),
                Namespace = result.GetRequiredValue(_namespace),
                ServiceAccount = result.GetRequiredValue(_serviceAccount),
                Json = result.GetValue(_output) == "json",
                Azure = builder.Azure,
                Aws = builder.Aws,
                Gcp = builder.Gcp,
            };
        }
    }

    private sealed class Builder
    {
        public AzureSetupOptions? Azure { get; set; }

        public AwsOptions? Aws { get; set; }

        public GcpSetupOptions? Gcp { get; set; }
    }
}
