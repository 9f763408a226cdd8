using IssuerSync.Core.Push;

namespace IssuerSync.Storage.State;

/// <summary>
/// The HTTP answer to a push: status and body. <see cref="Failure"/> carries the exception behind a
/// 503 for the host to log (it never holds the token).
/// </summary>
public sealed record PushResult(int HttpStatus, PushResponse Response, Exception? Failure = null);
