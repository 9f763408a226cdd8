using System.Text.Json;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Core.Tests.CloudSetup;

public sealed class AwsSetupTests
{
    private static readonly WorkloadIdentity Identity = WorkloadIdentity.Create("https://bucket.s3.eu-west-1.amazonaws.com/cluster1", "payments", "api");

    private static AwsSetupOptions Options(string thumbprint = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280") => new()
    {
        AccountId = "111122223333",
        RoleName = "payments-api",
        Thumbprint = thumbprint,
        Region = "eu-west-1",
    };

    [Fact]
    public void Build_CreatesProviderWithIssuerAudienceAndThumbprint_WhenOptionsAreValid()
    {
        var plan = AwsSetup.Build(Identity, Options());

        Assert.Equal(
            ["aws", "iam", "create-open-id-connect-provider", "--url", "https://bucket.s3.eu-west-1.amazonaws.com/cluster1", "--client-id-list", "sts.amazonaws.com", "--thumbprint-list", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
            plan.Steps[0].Commands.Single().Argv);
        Assert.Equal(
            ["aws", "iam", "create-role", "--role-name", "payments-api", "--assume-role-policy-document", "file://trust-policy.json"],
            plan.Steps[2].Commands.Single().Argv);
    }

    [Fact]
    public void Build_WritesTrustPolicyWithStringEqualsOnAudAndSub_WhenOptionsAreValid()
    {
        var plan = AwsSetup.Build(Identity, Options());

        using var policy = JsonDocument.Parse(plan.File("trust-policy.json").Content);
        var root = policy.RootElement;
        Assert.Equal(["Version", "Statement"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2012-10-17", root.GetProperty("Version").GetString());
        var statement = Assert.Single(root.GetProperty("Statement").EnumerateArray());
        Assert.Equal(["Effect", "Principal", "Action", "Condition"], statement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("arn:aws:iam::111122223333:oidc-provider/bucket.s3.eu-west-1.amazonaws.com/cluster1", statement.GetProperty("Principal").GetProperty("Federated").GetString());
        Assert.Equal("sts:AssumeRoleWithWebIdentity", statement.GetProperty("Action").GetString());
        var condition = Assert.Single(statement.GetProperty("Condition").EnumerateObject());
        Assert.Equal("StringEquals", condition.Name);
        Assert.Equal(
            [
                ("bucket.s3.eu-west-1.amazonaws.com/cluster1:aud", "sts.amazonaws.com"),
                ("bucket.s3.eu-west-1.amazonaws.com/cluster1:sub", "system:serviceaccount:payments:api"),
            ],
            condition.Value.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
    }

    [Fact]
    public void Build_UsesPartitionInArns_WhenPartitionIsChina()
    {
        var plan = AwsSetup.Build(Identity, new AwsSetupOptions { AccountId = "111122223333", RoleName = "r", Thumbprint = new string('a', 40), Partition = "aws-cn" });

        using var policy = JsonDocument.Parse(plan.File("trust-policy.json").Content);
        Assert.StartsWith("arn:aws-cn:iam::111122223333:oidc-provider/", policy.RootElement.GetProperty("Statement")[0].GetProperty("Principal").GetProperty("Federated").GetString());
        Assert.Contains("          value: \"arn:aws-cn:iam::111122223333:role/r\"\n", plan.File("pod.yaml").Content);
    }

    [Fact]
    public void Build_WritesPodWithProjectedTokenAndAwsVariables_WhenOptionsAreValid()
    {
        var pod = AwsSetup.Build(Identity, Options()).File("pod.yaml").Content;

        Assert.Equal(
            """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: api
              namespace: payments
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: api
              namespace: payments
            spec:
              serviceAccountName: api
              containers:
                - name: app
                  image: IMAGE
                  env:
                    - name: AWS_ROLE_ARN
                      value: "arn:aws:iam::111122223333:role/payments-api"
                    - name: AWS_WEB_IDENTITY_TOKEN_FILE
                      value: "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"
                    - name: AWS_REGION
                      value: "eu-west-1"
                    - name: AWS_STS_REGIONAL_ENDPOINTS
                      value: "regional"
                  volumeMounts:
                    - name: aws-iam-token
                      mountPath: /var/run/secrets/eks.amazonaws.com/serviceaccount
                      readOnly: true
              volumes:
                - name: aws-iam-token
                  projected:
                    sources:
                      - serviceAccountToken:
                          path: token
                          audience: "sts.amazonaws.com"
                          expirationSeconds: 3600

            """.ReplaceLineEndings("\n"),
            pod);
    }

    [Fact]
    public void Build_RequiresAwsRegionAndRefersToIt_WhenRegionIsNotGiven()
    {
        var plan = AwsSetup.Build(Identity, new AwsSetupOptions { AccountId = "111122223333", RoleName = "r", Thumbprint = new string('a', 40) });

        var required = Assert.Single(plan.Requires);
        Assert.Equal("AWS_REGION", required.Name);
        Assert.Equal(": \"${AWS_REGION:?set AWS_REGION to the region whose STS endpoint the pod calls (export AWS_REGION=eu-west-1), or give issuersync trust aws --region}\"", required.Guard);
        Assert.Equal(["AWS_REGION"], plan.File("pod.yaml").Variables);
        Assert.Contains("        - name: AWS_REGION\n          value: \"${AWS_REGION}\"\n", plan.File("pod.yaml").Content);
    }

    [Fact]
    public void Build_RequiresNothing_WhenRegionIsGiven()
    {
        var plan = AwsSetup.Build(Identity, Options());

        Assert.Empty(plan.Requires);
        Assert.Empty(plan.File("pod.yaml").Variables);
    }

    [Fact]
    public void Build_AttachesEveryPolicyInOrder_WhenPolicyArnsAreGiven()
    {
        var plan = AwsSetup.Build(Identity, new AwsSetupOptions
        {
            AccountId = "111122223333",
            RoleName = "r",
            Thumbprint = new string('a', 40),
            PolicyArns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111122223333:policy/payments"],
        });

        Assert.False(plan.Steps[3].Alternative);
        Assert.Equal(
            [
                ["aws", "iam", "attach-role-policy", "--role-name", "r", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
                ["aws", "iam", "attach-role-policy", "--role-name", "r", "--policy-arn", "arn:aws:iam::111122223333:policy/payments"],
            ],
            plan.Steps[3].Commands.Select(c => c.Argv));
    }

    [Fact]
    public void Build_PrintsAnAttachExampleCommentedOut_WhenNoPolicyArnIsGiven()
    {
        var step = AwsSetup.Build(Identity, Options()).Steps[3];

        Assert.True(step.Alternative);
        Assert.Equal(["aws", "iam", "attach-role-policy", "--role-name", "payments-api", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"], step.Commands.Single().Argv);
    }

    [Theory]
    [InlineData("https://oidc.example.com:8443/cluster1", "8443")]
    [InlineData("https://oidc.example.com:443/cluster1", "443")]
    [InlineData("https://127.0.0.1:5001", "5001")]
    [InlineData("https://[::1]:8443/c", "8443")]
    public void Build_WarnsThatIamRefusesThePort_WhenIssuerHasAPort(string issuer, string port)
    {
        var plan = AwsSetup.Build(WorkloadIdentity.Create(issuer, "payments", "api"), Options());

        var warning = Assert.Single(plan.Warnings);
        Assert.StartsWith($"the issuer {issuer} has a port (:{port}), and AWS IAM refuses an OIDC provider URL with a port", warning);
    }

    [Theory]
    [InlineData("https://oidc.example.com/cluster1")]
    [InlineData("https://oidc.example.com/c:8443")]
    [InlineData("https://[::1]/c")]
    public void Build_DoesNotWarn_WhenIssuerHasNoPort(string issuer)
        => Assert.Empty(AwsSetup.Build(WorkloadIdentity.Create(issuer, "payments", "api"), Options()).Warnings);

    [Fact]
    public void Build_OffersThePodIdentityWebhookAsAlternative_WhenPlanEnds()
    {
        var step = AwsSetup.Build(Identity, Options()).Steps[^1];

        Assert.True(step.Alternative);
        Assert.Equal(["git", "clone", "https://github.com/aws/amazon-eks-pod-identity-webhook"], step.Commands[0].Argv);
        Assert.Equal(["make", "-C", "amazon-eks-pod-identity-webhook", "cluster-up", "IMAGE=amazon/amazon-eks-pod-identity-webhook:latest"], step.Commands[1].Argv);
        Assert.Contains(
            "  annotations:\n    eks.amazonaws.com/role-arn: \"arn:aws:iam::111122223333:role/payments-api\"\n    eks.amazonaws.com/audience: \"sts.amazonaws.com\"\n    eks.amazonaws.com/sts-regional-endpoints: \"true\"\n",
            step.File!.Content);
        Assert.Contains("cert-manager", step.Title);
    }

    [Theory]
    [InlineData("eu_west_1", null, "--region 'eu_west_1' is not an AWS region name")]
    [InlineData("EU-WEST-1", null, "--region 'EU-WEST-1' is not an AWS region name")]
    [InlineData(null, "arn:aws-cn:iam::aws:policy/ReadOnlyAccess", "--policy-arn 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' is not an IAM policy ARN of partition aws")]
    [InlineData(null, "ReadOnlyAccess", "--policy-arn 'ReadOnlyAccess' is not an IAM policy ARN of partition aws")]
    [InlineData(null, "arn:aws:iam::aws:role/x", "--policy-arn 'arn:aws:iam::aws:role/x' is not an IAM policy ARN of partition aws")]
    public void Build_Throws_WhenRegionOrPolicyArnIsMalformed(string? region, string? policyArn, string message)
    {
        var e = Assert.Throws<IssuerSyncException>(() => AwsSetup.Build(Identity, new AwsSetupOptions
        {
            AccountId = "111122223333",
            RoleName = "r",
            Thumbprint = new string('a', 40),
            Region = region,
            PolicyArns = policyArn is null ? [] : [policyArn],
        }));

        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData("11112222333", "--account-id '11112222333' is not an AWS account id (12 digits)")]
    [InlineData("11112222333x", "--account-id '11112222333x' is not an AWS account id (12 digits)")]
    public void Build_Throws_WhenAccountIdIsNotTwelveDigits(string accountId, string message)
    {
        var e = Assert.Throws<IssuerSyncException>(() => AwsSetup.Build(Identity, new AwsSetupOptions { AccountId = accountId, RoleName = "r", Thumbprint = new string('a', 40) }));

        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData("9E:99:A4:8A:99:60:B1:49:26:BB:7F:3B:02:E2:2D:A2:B0:AB:72:80", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280")]
    [InlineData("9E99A48A9960B14926BB7F3B02E22DA2B0AB7280", "9e99a48a9960b14926bb7f3b02e22da2b0ab7280")]
    public void Normalize_ReturnsLowercaseHex_WhenThumbprintIsSha1(string given, string expected)
        => Assert.Equal(expected, AwsThumbprint.Normalize(given));

    [Theory]
    [InlineData("9e99a48a9960b14926bb7f3b02e22da2b0ab72")]
    [InlineData("zz99a48a9960b14926bb7f3b02e22da2b0ab7280")]
    [InlineData("9e99a48a9960b14926bb7f3b02e22da2b0ab7280aa")]
    public void Normalize_Throws_WhenThumbprintIsNotSha1(string given)
    {
        var e = Assert.Throws<IssuerSyncException>(() => AwsThumbprint.Normalize(given));

        Assert.Equal($"--thumbprint '{given}' is not a SHA-1 thumbprint (40 hex digits): omit it to compute it from the issuer host's TLS chain", e.Message);
    }
}
