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
