using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Core.Documents;
using IssuerSync.Storage.Publishing;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync publish</c>, each written once; <see cref="PublishCommand"/> reads them.</summary>
internal sealed class PublishCommandDefinition : Command
{
    public readonly DocumentOptions Documents = new();

    public readonly PublishTargetOptions Target = new();

    public readonly Option<string> CacheControl = new("--cache-control")
    {
        Description = $"Cache-Control of both documents. Default: {DocumentDefaults.CacheControl} (a rotated key reaches the clouds within 5 minutes).",
        DefaultValueFactory = _ => new PublishOptions().CacheControl,
        HelpName = "VALUE",
    };

    public readonly Option<string> JwksContentType = new("--content-type-jwks")
    {
        Description = "Content-Type of the JWKS. Default: application/json (what hosted issuers serve and every cloud accepts; " +
            "kube-apiserver itself serves application/jwk-set+json, which no cloud documents accepting).",
        DefaultValueFactory = _ => new PublishOptions().JwksContentType,
        HelpName = "TYPE",
    };

    public readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Show what would be written and the kid diff (added, kept, removed against the served JWKS); write nothing.",
    };

    public readonly Option<bool> FullCheck = new("--full-check")
    {
        Description = "Check both stored documents (2 requests) instead of trusting the pair record on the discovery document (1 request); " +
            "repairs a JWKS changed behind the publisher's back.",
    };

    public readonly ReportFormatOption Output = new();

    public PublishCommandDefinition()
        : base("publish", SharedOptions.WithExample(
            "Publish the discovery document and the JWKS (JWKS first) so that GET {issuer}/.well-known/openid-configuration and GET {jwks_uri} " +
            "return them. Unchanged documents are not rewritten.",
            "issuersync publish --issuer https://oidc.example.com/cluster1 --key /etc/kubernetes/pki/sa.pub --target dir:/srv/www/cluster1",
            "issuersync publish --issuer https://ACCOUNT.blob.core.windows.net/oidc --key sa.pub --target azblob:https://ACCOUNT.blob.core.windows.net/oidc",
            "issuersync publish --issuer https://BUCKET.s3.eu-west-1.amazonaws.com --key sa.pub --target s3://BUCKET --region eu-west-1"))
    {
        Documents.AddTo(this);
        this.AddOptions(Target.Target, CacheControl, JwksContentType, DryRun, FullCheck);
        Target.AddTo(this);
        Options.Add(Output);
    }

    /// <summary>The values given; throws an <see cref="Core.IssuerSyncException"/> for a URL option that is not an http(s) URL.</summary>
    public PublishCommand.Options Read(ParseResult result) => new()
    {
        Issuer = result.GetRequiredValue(Documents.Issuer),
        JwksUri = result.GetValue(Documents.JwksUri),
        Keys = result.GetRequiredValue(Documents.Keys),
        Target = result.GetRequiredValue(Target.Target),
        Settings = Target.Read(result),
        Publish = new PublishOptions
        {
            CacheControl = result.GetRequiredValue(CacheControl),
            JwksContentType = result.GetRequiredValue(JwksContentType),
            DryRun = result.GetValue(DryRun),
            FullCheck = result.GetValue(FullCheck),
        },
        Output = Output.Read(result),
    };
}
