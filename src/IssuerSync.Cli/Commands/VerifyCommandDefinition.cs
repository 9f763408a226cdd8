using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Verify;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync verify</c>, read into <see cref="VerifyOptions"/>.</summary>
internal sealed class VerifyCommandDefinition : VerbDefinition<VerifyOptions>
{
    public readonly Argument<string> Issuer = new("ISSUER_URL")
    {
        Description = "The issuer, byte for byte as the cluster's --service-account-issuer (a trailing slash matters).",
    };

    public readonly Option<string?> Token = new("--token")
    {
        Description = "A projected service-account token file: checks iss, kid, signature, exp/nbf and aud, and prints sub and aud.",
        HelpName = "FILE",
    };

    public readonly Option<string?> Audience = new("--audience")
    {
        Description = "With --token: the audience the cloud expects (api://AzureADTokenExchange, sts.amazonaws.com, the GCP provider).",
        HelpName = "AUD",
    };

    public readonly Option<string?> CaCert = SharedOptions.CaCert("A PEM file of extra trust roots (private PKI, tests). Clouds trust only public CAs.");

    public readonly ReportFormatOption Output = new();

    public VerifyCommandDefinition()
        : base("verify", SharedOptions.WithExample(
            "Fetch {issuer}/.well-known/openid-configuration and the JWKS exactly as a cloud does " +
            "(https, no redirects) and report every problem with the cloud error it causes and its fix. Exits 4 when any error is found.",
            "issuersync verify https://oidc.example.com/cluster1",
            "issuersync verify https://oidc.example.com/cluster1 --token /var/run/secrets/tokens/azure --audience api://AzureADTokenExchange --output json"),
            VerifyCommand.RunAsync)
    {
        Arguments.Add(Issuer);
        this.AddOptions(Token, Audience, CaCert, Output);
        Validators.Add(result =>
        {
            if (result.GetValue(Audience) is not null && result.GetValue(Token) is null)
            {
                result.AddError("--audience checks the token's aud: give --token FILE too");
            }
        });
    }

    public override VerifyOptions Read(ParseResult result) => new()
    {
        Issuer = result.GetRequiredValue(Issuer),
        TokenFile = result.GetValue(Token),
        Audience = result.GetValue(Audience),
        CaCert = result.GetValue(CaCert),
        Output = Output.Read(result),
    };
}
