using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Operators;

/// <summary>
/// The <c>issuersync approve …</c> line <c>status</c> prints for pending keys: it must run as pasted, so it
/// carries the same publisher, key file and CA (as absolute paths), each word quoted for a POSIX shell.
/// </summary>
internal static class ApproveCommandLine
{
    public static string For(PublisherConnection connection, string issuerId, IEnumerable<string> fingerprints)
    {
        var words = new List<string> { "issuersync", "approve", "--publisher", connection.Publisher, "--issuer-id", issuerId };
        foreach (var fingerprint in fingerprints)
        {
            words.Add("--fingerprint");
            words.Add(fingerprint);
        }

        if (connection.FunctionKeyFile is not null)
        {
            words.Add("--function-key-file");
            words.Add(Path.GetFullPath(connection.FunctionKeyFile));
        }

        if (connection.CaCert is not null)
        {
            words.Add("--ca-cert");
            words.Add(Path.GetFullPath(connection.CaCert));
        }

        return string.Join(' ', words.Select(ShellQuote.Quote));
    }
}
