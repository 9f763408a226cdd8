using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync revoke</c>; <see cref="RevokeCommand"/> reads them.</summary>
internal sealed class RevokeCommandDefinition : Command
{
    public readonly ChangeOptions Change = new();

    public readonly Option<string> Kid = new("--kid")
    {
        Description = "The kid to revoke, as `issuersync status` lists it. It is never published or trusted again.",
        Required = true,
        HelpName = "KID",
    };

    public readonly Option<bool> ConfirmSigningKey = new("--confirm-signing-key")
    {
        Description = "Revoke even the key that signed the latest accepted push: the agent's next push is refused until the cluster signs with another key.",
    };

    public RevokeCommandDefinition()
        : base("revoke", SharedOptions.WithExample(
            "Revoke an issuer's key at once (a leaked or retired key): it is dropped from the published JWKS and never trusted again. " +
            "Prints what changed and what was published. Exit 3 when the publisher refuses (its error code and message are printed).",
            "issuersync revoke --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --kid " +
            "0hYqk0w5W7Dx-M9pd6v4-1ljO41Becfju4Sapnzs38k --function-key-file operator.key"))
    {
        Change.AddTo(this, Kid, ConfirmSigningKey);
    }
}
