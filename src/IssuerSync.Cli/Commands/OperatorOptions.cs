using System.CommandLine;
using IssuerSync.Agent.Hosting;
using IssuerSync.Cli.Operators;
using IssuerSync.Cli.Verify;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// The options every operator verb (approve, revoke, status, publish-now) shares, added with one call,
/// and read back into a <see cref="PublisherConnection"/> (the publisher/operator connection group). <c>rotate check</c>
/// takes the same group with its own descriptions (set at construction) and --publisher optional.
/// </summary>
internal sealed class OperatorOptions
{
    public Option<string> Publisher { get; init; } = new("--publisher", "-p")
    {
        Description = "The publisher's base URL (the function app, or issuersync serve), e.g. https://issuersync-func.azurewebsites.net; " +
            "https only, http to loopback alone. Redirects are not followed.",
        Required = true,
        HelpName = "URL",
    };

    public Option<string?> FunctionKeyFile { get; init; } = SharedOptions.FunctionKeyFile(
        "A file holding the operator functions' key, sent as x-functions-key and never printed " +
        $"(default: ${AgentOptions.FunctionKeyVariable} when set). Not the PushKeys key the agent has.");

    public Option<string?> CaCert { get; init; } = SharedOptions.CaCert("A PEM file of extra trust roots, for a publisher behind a private CA.");

    public ReportFormatOption Output { get; init; } = new("table (for people) or json (the publisher's JSON answer, as it is).");

    public DurationOption Timeout { get; init; } = SharedOptions.Timeout("How long to wait for the publisher's answer");

    public static Option<string> IssuerId(bool required) => new("--issuer-id")
    {
        Description = "The id of the issuer's registration in the publisher (e.g. factory-1).",
        Required = required,
        HelpName = "ID",
    };

    public static Option<string?> Operator() => new("--operator")
    {
        Description = "Who acts, recorded in the issuer's history (default: $USER@hostname).",
        HelpName = "NAME",
    };

    public void AddTo(Command command) => command.AddOptions(Publisher, FunctionKeyFile, CaCert, Output, Timeout);

    public PublisherConnection Read(ParseResult result) => ReadGiven(result) ?? throw new InvalidOperationException("--publisher is required");

    /// <summary>The connection, or null when --publisher is absent (a verb where it is optional: <c>rotate check</c>).</summary>
    public PublisherConnection? ReadGiven(ParseResult result) => result.GetValue(Publisher) is { } publisher
        ? new()
        {
            Publisher = publisher,
            FunctionKeyFile = result.GetValue(FunctionKeyFile),
            CaCert = result.GetValue(CaCert),
            Output = Output.Read(result),
            Timeout = Timeout.Read(result),
        }
        : null;

    /// <summary>
    /// Makes <paramref name="body"/> the action of <paramref name="command"/>: run by <see cref="RunAsync"/> with the connection
    /// this group reads, given the parse result, that connection and the client.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, PublisherConnection, PublisherClient, CancellationToken, Task<ExitCode>> body)
        => command.SetAction((result, cancellationToken) =>
        {
            var connection = Read(result);
            return RunAsync(
                connection,
                result.InvocationConfiguration.Output,
                result.InvocationConfiguration.Error,
                client => body(result, connection, client, cancellationToken),
                cancellationToken);
        });

    /// <summary>
    /// Runs an operator verb: the connection's inputs are checked first; with --output json a refusal's JSON goes to stdout too.
    /// </summary>
    public static Task<int> RunAsync(
        PublisherConnection connection,
        TextWriter stdout,
        TextWriter stderr,
        Func<PublisherClient, Task<ExitCode>> body,
        CancellationToken cancellationToken)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            using var client = await PublisherClient.CreateAsync(connection, cancellationToken).ConfigureAwait(false);
            try
            {
                return await body(client).ConfigureAwait(false);
            }
            catch (PublisherException e) when (connection.Output == ReportFormat.Json && e.Body is not null)
            {
                await ActionWriter.WriteJsonAsync(e.Body, stdout, cancellationToken).ConfigureAwait(false);
                throw;
            }
        });
}
