namespace IssuerSync.Cli.Operators;

/// <summary>
/// The publisher refused a request, redirected it, answered something that is not its API, or could
/// not be reached. <see cref="Code"/> is the publisher's error code when it gave one; <see cref="Body"/>
/// its JSON answer, which <c>--output json</c> prints as it is.
/// </summary>
internal sealed class PublisherException(string message, string? code = null, string? body = null) : Exception(message)
{
    public string? Code { get; } = code;

    public string? Body { get; } = body;
}
