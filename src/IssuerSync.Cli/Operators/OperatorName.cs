using System.Net;
using IssuerSync.Core;

namespace IssuerSync.Cli.Operators;

/// <summary>Who an approval or revocation is recorded for in the issuer's history: <c>--operator</c>, else $USER@hostname.</summary>
internal static class OperatorName
{
    public const int MaxLength = 200;

    public static string Default()
    {
        var user = Environment.GetEnvironmentVariable("USER");
        return $"{(string.IsNullOrWhiteSpace(user) ? Environment.UserName : user.Trim())}@{Dns.GetHostName()}";
    }

    public static string Check(string value)
    {
        var name = value.Trim();
        if (name.Length == 0 || name.Length > MaxLength || name.Any(char.IsControl))
        {
            throw new IssuerSyncException($"--operator '{value}': give 1 to {MaxLength} printable characters naming who acts " +
                "(it is recorded in the issuer's history), e.g. --operator alice@example.com");
        }

        return name;
    }
}
