using System.Net;

namespace IssuerSync.Cli.Operators;

/// <summary>Every failure of an operator request, worded in one place: what was asked, what the publisher said, and the fix.</summary>
internal static class PublisherErrors
{
    public static PublisherException Refused(string what, int status, string code, string? message, string body) => new(
        $"the publisher refused {what}: {status} {code}: {message ?? "no message given"}",
        code,
        body);

    public static PublisherException Redirected(string what, int status, string? location) => new(
        $"the publisher answered {what} with {status} {(HttpStatusCode)status}, a redirect to {location ?? "(no Location header)"}: " +
        "IssuerSync follows no redirect, so the function key never goes to another address. " +
        "Hint: pass the address the publisher really answers at as --publisher");

    public static PublisherException Status(string what, int status, string body)
    {
        var hint = status switch
        {
            401 or 403 => "the function key was not accepted. Hint: give the key of the operator functions (Approve, Revoke, PublishNow, Status; " +
                "not the PushKeys key) with --function-key-file or $ISSUERSYNC_FUNCTION_KEY",
            404 => "no such route. Hint: pass the publisher's base URL as --publisher (the routes are under {publisher}/api/), e.g. " +
                "https://issuersync-func.azurewebsites.net",
            _ => "not an answer of the IssuerSync publisher API (no {\"error\", \"message\"} body). " +
                "Hint: check that --publisher points at the publisher and that it is healthy",
        };
        var snippet = body.Length == 0 ? string.Empty : $" (body: {Shorten(body)})";
        return new PublisherException($"the publisher answered {what} with {status} {(HttpStatusCode)status}{snippet}: {hint}");
    }

    public static PublisherException NotJson(string what, int status, string detail) => new(
        $"the publisher answered {what} with {status} {(HttpStatusCode)status} but not with a JSON object ({detail}). " +
        "Hint: check that --publisher points at the IssuerSync publisher, not a proxy's error page");

    public static PublisherException TooLarge(string what, int limit) => new(
        $"the publisher's answer to {what} is larger than {limit / 1024} KiB: not an answer of the IssuerSync publisher API. Hint: check --publisher");

    public static PublisherException Unreachable(Uri publisher, string detail) => new(
        $"cannot reach the publisher at {publisher} ({detail}). Hint: check --publisher, the network path and, for a private CA, --ca-cert");

    public static PublisherException Timeout(string what, Uri publisher, TimeSpan timeout) => new(
        $"the publisher at {publisher} did not answer {what} within {timeout.TotalSeconds:0.#} s. Hint: check that it is running, or pass a longer --timeout");

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
