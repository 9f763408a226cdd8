namespace IssuerSync.Agent.Tokens;

/// <summary>
/// Reads a projected service-account token (a <c>serviceAccountToken</c> projected volume with the
/// publisher's audience). The kubelet rotates the file, so it is read again for every push.
/// </summary>
public sealed class TokenFileSource(string path) : ITokenSource
{
    private const long MaxTokenBytes = 64 * 1024;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        string token;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw AgentErrors.TokenFileUnreadable(path, "no such file");
            }

            if (info.Length > MaxTokenBytes)
            {
                throw AgentErrors.TokenFileUnreadable(path, $"is {info.Length} bytes, too large to be a token");
            }

            token = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (UnauthorizedAccessException)
        {
            throw AgentErrors.TokenFileUnreadable(path, "permission denied");
        }
        catch (IOException e)
        {
            throw AgentErrors.TokenFileUnreadable(path, $"cannot be read ({e.Message.TrimEnd('.')})");
        }

        return token.Length == 0 ? throw AgentErrors.TokenFileUnreadable(path, "is empty") : token;
    }
}
