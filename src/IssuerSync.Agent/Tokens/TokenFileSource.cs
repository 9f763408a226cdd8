using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IssuerSync.Agent.Tokens;

/// <summary>
/// Reads a projected service-account token (a <c>serviceAccountToken</c> projected volume with the
/// publisher's audience). The kubelet rewrites the file at 80% of the volume's expirationSeconds and
/// serves the same token until then, but the publisher binds a token to the first body it accepted:
/// so a token is handed out once. When the file still holds the last token handed out, this waits
/// for the kubelet to rotate it (and says so), rather than send a token the publisher would refuse.
/// </summary>
public sealed partial class TokenFileSource : ITokenSource
{
    private const long MaxTokenBytes = 64 * 1024;

    /// <summary>How long to wait for a rotation when the token carries no readable expiry.</summary>
    private static readonly TimeSpan DefaultMaxWait = TimeSpan.FromHours(1);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private byte[]? _lastHandedOut;

    public TokenFileSource(string path, TimeProvider? time = null, ILogger? logger = null)
    {
        _path = path;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How often the file is read again while waiting for the kubelet to rotate it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after the used token's expiry the kubelet may still be late before this gives up.</summary>
    public TimeSpan RotationGrace { get; init; } = TimeSpan.FromMinutes(1);

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var token = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (IsLastHandedOut(token))
        {
            var started = _time.GetUtcNow();
            var expiry = UnverifiedJwt.ReadUnverifiedExpiry(token);
            var deadline = expiry is { } at ? at + RotationGrace : started + DefaultMaxWait;
            Log.WaitingForRotation(_logger, _path, expiry?.ToString("O") ?? "unknown");
            while (IsLastHandedOut(token))
            {
                if (_time.GetUtcNow() >= deadline)
                {
                    throw AgentErrors.TokenFileNotRotated(_path, _time.GetUtcNow() - started);
                }

                await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
                token = await ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            Log.Rotated(_logger, _path, (_time.GetUtcNow() - started).TotalSeconds);
        }

        _lastHandedOut = Fingerprint(token);
        return token;
    }

    private bool IsLastHandedOut(string token) => _lastHandedOut is not null && CryptographicOperations.FixedTimeEquals(_lastHandedOut, Fingerprint(token));

    // Only a hash of the last token is kept: enough to recognise it, useless as a credential.
    private static byte[] Fingerprint(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        string token;
        try
        {
            var info = new FileInfo(_path);
            if (!info.Exists)
            {
                throw AgentErrors.TokenFileUnreadable(_path, "no such file");
            }

            if (info.Length > MaxTokenBytes)
            {
                throw AgentErrors.TokenFileUnreadable(_path, $"is {info.Length} bytes, too large to be a token");
            }

            token = (await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (UnauthorizedAccessException)
        {
            throw AgentErrors.TokenFileUnreadable(_path, "permission denied");
        }
        catch (IOException e)
        {
            throw AgentErrors.TokenFileUnreadable(_path, $"cannot be read ({e.Message.TrimEnd('.')})");
        }

        return token.Length == 0 ? throw AgentErrors.TokenFileUnreadable(_path, "is empty") : token;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, EventName = "WaitingForTokenRotation", Level = LogLevel.Information,
            Message = "The token file {Path} still holds the token of the last push (expires {Expiry}); " +
                "the publisher binds a token to the first push it accepted, so waiting for the kubelet to rotate the file " +
                "(at 80% of the projected volume's expirationSeconds: about 8 minutes with the 600 s of deploy/kubernetes/projected-token.yaml)")]
        public static partial void WaitingForRotation(ILogger logger, string path, string expiry);

        [LoggerMessage(EventId = 31, EventName = "TokenRotated", Level = LogLevel.Information,
            Message = "The kubelet rotated the token file {Path} after {WaitedSeconds:0} s")]
        public static partial void Rotated(ILogger logger, string path, double waitedSeconds);
    }
}
