using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary>The options of <c>issuersync publish-now</c>; <see cref="PublishNowCommand"/> reads them.</summary>
internal sealed class PublishNowCommandDefinition : Command
{
    public readonly OperatorOptions Publisher = new();

    public readonly Option<string> IssuerId = OperatorOptions.IssuerId(required: true);

    public PublishNowCommandDefinition()
        : base("publish-now", SharedOptions.WithExample(
            "Publish an issuer's documents now instead of at the next reconcile (after a key rotation, or to repair a document someone deleted). " +
            "Prints what was published. Exit 3 when the publisher refuses or the publish failed.",
            "issuersync publish-now --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --function-key-file operator.key"))
    {
        Options.Add(IssuerId);
        Publisher.AddTo(this);
    }
}
