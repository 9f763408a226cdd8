namespace IssuerSync.Storage.Tests.S3;

/// <summary>
/// The process environment with every source of the AWS default credential chain emptied (keys, profile and its files,
/// web identity, container credentials, instance metadata), restored on dispose. Only one test uses it (S3ErrorTests), and no other test here reads the chain.
/// </summary>
internal sealed class NoAwsCredentials : IDisposable
{
    private static readonly Dictionary<string, string?> Empty = new()
    {
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/issuersync-test/credentials",
        ["AWS_CONFIG_FILE"] = "/nonexistent/issuersync-test/config",
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
        ["AWS_ROLE_ARN"] = null,
        ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
        ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    private readonly Dictionary<string, string?> _saved = Empty.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);

    public NoAwsCredentials()
    {
        foreach (var (name, value) in Empty)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
