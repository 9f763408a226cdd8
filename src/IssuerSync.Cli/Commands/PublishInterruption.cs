using IssuerSync.Core.Documents;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Commands;

/// <summary>What a cancelled <c>publish</c> left served, from the writes its progress recorded (JWKS first, then discovery).</summary>
internal static class PublishInterruption
{
    public static string Describe(PublishProgress progress, IssuerDocuments documents, IPublishTarget target)
    {
        var written = progress.Written;
        var jwks = target.LocationOf(documents.JwksPath!);
        var discovery = target.LocationOf(documents.DiscoveryPath);
        var jwksWritten = written.Contains(DocumentPublisher.JwksName);
        var discoveryWritten = written.Contains(DocumentPublisher.DiscoveryName);
        return (progress.Writing, jwksWritten, discoveryWritten) switch
        {
            (DocumentPublisher.JwksName, _, _) => $"interrupted while writing the JWKS: {jwks} holds either the previous or the new JWKS, " +
                $"and the previous discovery document is still served at {discovery}; run publish again to finish",
            (DocumentPublisher.DiscoveryName, true, _) => "interrupted while writing the discovery document: " +
                $"the new JWKS is served at {jwks}, and {discovery} holds either the previous or the new discovery document; run publish again to finish",
            (DocumentPublisher.DiscoveryName, false, _) => "interrupted while writing the discovery document: " +
                $"the JWKS at {jwks} was already current, and {discovery} holds either the previous or the new discovery document; run publish again to finish",
            (_, true, true) => $"interrupted after writing both documents: the new JWKS ({jwks}) and discovery document ({discovery}) are served; " +
                "run publish again to verify them",
            (_, true, false) => $"interrupted after writing the JWKS: the new JWKS is served at {jwks} next to the previous discovery document " +
                $"at {discovery}; run publish again to finish",
            (_, false, true) => $"interrupted after writing the discovery document: it is served at {discovery} next to the JWKS at {jwks}, " +
                "which was already current; run publish again to verify",
            _ => $"interrupted before anything was written: the previously published documents (if any) are still served by {target.DisplayName}",
        };
    }
}
