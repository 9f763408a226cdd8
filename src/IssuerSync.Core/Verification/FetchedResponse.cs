namespace IssuerSync.Core.Verification;

/// <summary>
/// What an HTTP GET of an issuer document returned, as the host saw it (no redirect followed).
/// <see cref="TransportError"/> is set when no response arrived (DNS, TCP, TLS, timeout); then
/// the other members are empty. <see cref="Truncated"/> means the body was longer than the host
/// read (<see cref="ResponseChecks.MaxDocumentBytes"/>) and <see cref="Body"/> holds only the start.
/// </summary>
public sealed record FetchedResponse
{
    public required string Url { get; init; }

    public int StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? CacheControl { get; init; }

    /// <summary>The Location header of a redirect.</summary>
    public string? Location { get; init; }

    public byte[] Body { get; init; } = [];

    public bool Truncated { get; init; }

    public string? TransportError { get; init; }

    public static FetchedResponse Failed(string url, string error) => new() { Url = url, TransportError = error };
}
