using System.CommandLine;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync publish</c>: write both documents to a target where a cloud can fetch them.</summary>
internal static class PublishCommand
{
    public sealed class Options
    {
        public required string Issuer { get; init; }

        public string? JwksUri { get; init; }

        public required IReadOnlyList<string> Keys { get; init; }

        public required string Target { get; init; }

        public PublishOptions Publish { get; init; } = new();
    }

    public static Command Create()
    {
        var issuer = SharedOptions.Issuer();
        var jwksUri = SharedOptions.JwksUri();
        var keys = SharedOptions.Keys();
        var target = new Option<string>("--target", "-t")
        {
            Description = $"Where to publish: {PublishTargetFactory.Forms}. A directory receives PATH/.well-known/openid-configuration and PATH/openid/v1/jwks, ready to be served at the issuer URL.",
            Required = true,
            HelpName = "TARGET",
        };
        var command = new Command("publish", SharedOptions.WithExample(
            "Publish the discovery document and the JWKS (JWKS first) so that GET {issuer}/.well-known/openid-configuration and GET {jwks_uri} return them. Unchanged documents are not rewritten.",
            "issuersync publish --issuer https://oidc.example.com/cluster1 --key /etc/kubernetes/pki/sa.pub --target dir:/srv/www/cluster1"))
        {
            issuer,
            jwksUri,
            keys,
            target,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Options
            {
                Issuer = result.GetRequiredValue(issuer),
                JwksUri = result.GetValue(jwksUri),
                Keys = result.GetRequiredValue(keys),
                Target = result.GetRequiredValue(target),
            },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var issuer = IssuerUrl.Parse(options.Issuer);
            var jwksUri = options.JwksUri is null ? null : JwksUri.Parse(options.JwksUri);
            var keySet = await KeyLoading.LoadAsync(options.Keys, cancellationToken).ConfigureAwait(false);
            var documents = IssuerDocuments.Create(issuer, jwksUri, keySet);
            var target = PublishTargetFactory.Create(options.Target);
            var report = await DocumentPublisher.PublishAsync(documents, target, options.Publish, cancellationToken).ConfigureAwait(false);
            foreach (var document in report.Documents)
            {
                var status = document.Status switch
                {
                    DocumentStatus.Written => "written",
                    DocumentStatus.Unchanged => "unchanged",
                    _ => "would write",
                };
                await stdout.WriteLineAsync($"{document.Document,-9}  {status,-11}  {document.Bytes,6} bytes  {document.Location}").ConfigureAwait(false);
            }

            return ExitCode.Success;
        });
}
