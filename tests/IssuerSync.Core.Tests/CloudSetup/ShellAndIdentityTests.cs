using IssuerSync.Core.CloudSetup;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Core.Tests.CloudSetup;

public sealed class ShellAndIdentityTests
{
    [Theory]
    [InlineData("https://oidc.example.com/c1", "https://oidc.example.com/c1")]
    [InlineData("--member=principal://x/subject/system:serviceaccount:a:b", "--member=principal://x/subject/system:serviceaccount:a:b")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(rm -rf /)", "'$(rm -rf /)'")]
    [InlineData("", "''")]
    public void Quote_QuotesOnlyWhenNeeded_WhenGivenAWord(string word, string expected)
        => Assert.Equal(expected, ShellQuote.Quote(word));

    [Fact]
    public void ToShell_PrintsOneLine_WhenCommandIsShort()
        => Assert.Equal("kubectl apply -f pod.yaml", new SetupCommand("kubectl apply", new CommandOption("-f", "pod.yaml")).ToShell());

    [Fact]
    public void ToShell_PrintsOneOptionPerLine_WhenCommandIsLong()
    {
        var command = new SetupCommand("aws iam create-role", new CommandOption("--role-name", "a-long-role-name"), new CommandOption("--assume-role-policy-document", "file://trust-policy.json"));

        Assert.Equal("aws iam create-role \\\n  --role-name a-long-role-name \\\n  --assume-role-policy-document file://trust-policy.json", command.ToShell());
    }

    [Fact]
    public void ToShell_PipesIntoTheNextCommand_WhenPipeToIsSet()
        => Assert.Equal(
            "kubectl create namespace ns |\n  kubectl apply -f -",
            (new SetupCommand("kubectl create namespace", new CommandOption("ns")) { PipeTo = new SetupCommand("kubectl apply", new CommandOption("-f", "-")) }).ToShell());

    [Fact]
    public void ToShell_AssignsStdoutToTheVariable_WhenCaptureAsIsSet()
        => Assert.Equal(
            "ID=\"$(az identity show --query clientId)\"",
            (new SetupCommand("az identity show", new CommandOption("--query", "clientId")) { CaptureAs = "ID" }).ToShell());

    [Theory]
    [InlineData("azureTenantID=${T}", "\"azureTenantID=${T}\"")]
    [InlineData("a\"b`c\\${T}", "\"a\\\"b\\`c\\\\${T}\"")]
    public void ToShell_DoubleQuotesTheValue_WhenOptionExpandsVariables(string value, string expected)
        => Assert.Equal("helm install --set " + expected, new SetupCommand("helm install", new CommandOption("--set", value) { Expand = true }).ToShell());

    [Fact]
    public void ToShell_SingleQuotesAVariableReference_WhenOptionDoesNotExpand()
        => Assert.Equal("helm install --set 'a=${T}'", new SetupCommand("helm install", new CommandOption("--set", "a=${T}")).ToShell());

    [Theory]
    [InlineData("Payments", "api", "--namespace 'Payments' is not a Kubernetes namespace name")]
    [InlineData("-payments", "api", "--namespace '-payments' is not a Kubernetes namespace name")]
    [InlineData("payments", "api_v1", "--service-account 'api_v1' is not a Kubernetes service account name")]
    [InlineData("payments", "", "--service-account '' is not a Kubernetes service account name")]
    public void Create_Throws_WhenNameIsNotAKubernetesName(string ns, string sa, string message)
    {
        var e = Assert.Throws<IssuerSyncException>(() => WorkloadIdentity.Create("https://oidc.example.com", ns, sa));

        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Create_Throws_WhenIssuerIsNotHttps()
        => Assert.Throws<IssuerUrlException>(() => WorkloadIdentity.Create("http://oidc.example.com", "payments", "api"));

    [Fact]
    public void Subject_IsSystemServiceAccountNamespaceName_WhenIdentityIsValid()
        => Assert.Equal("system:serviceaccount:payments:api.v1", WorkloadIdentity.Create("https://oidc.example.com", "payments", "api.v1").Subject);
}
