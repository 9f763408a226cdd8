using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync approve</c>; <see cref="ApproveCommand"/> reads them.</summary>
internal sealed class ApproveCommandDefinition : Command
{
    public readonly ChangeOptions Change = new();

    public readonly Option<string[]> Fingerprints = new("--fingerprint")
    {
        Description = "The SHA-256 of a pending key's DER SubjectPublicKeyInfo: 64 hex digits (':' separators and upper case allowed), " +
            "as `issuersync status` lists it. Repeat for several keys.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
        HelpName = "FP",
    };

    public ApproveCommandDefinition()
        : base("approve", SharedOptions.WithExample(
            "Approve an issuer's pending keys by fingerprint, after comparing them with the cluster's key: they are trusted and published at once. " +
            "Prints what changed and what was published. Exit 3 when the publisher refuses (its error code and message are printed).",
            "issuersync approve --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --fingerprint " +
            "d2162a934c395bb0f1f8cf6977abf8fb59633b8d4179c7e3bb849aa67cecdfc9 --function-key-file operator.key"))
    {
        Change.AddTo(this, Fingerprints);
    }
}
